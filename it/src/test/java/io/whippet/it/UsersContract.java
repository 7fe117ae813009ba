package io.whippet.it;

import static io.whippet.it.ServerErrors.assertAuthentication;
import static io.whippet.it.ServerErrors.assertConflict;
import static io.whippet.it.ServerErrors.assertServerError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.identifier.UserId;
import org.apache.iggy.user.GlobalPermissions;
import org.apache.iggy.user.IdentityInfo;
import org.apache.iggy.user.Permissions;
import org.apache.iggy.user.StreamPermissions;
import org.apache.iggy.user.TopicPermissions;
import org.apache.iggy.user.UserInfo;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.Test;

/** Users and login: codes 31-39 (wire-protocol.md 5, 6.4). */
abstract class UsersContract extends ContractTestBase {
    static final Permissions MIXED = new Permissions(
            new GlobalPermissions(true, false, false, true, false, true, false, false, true, false),
            Map.of(
                    0L,
                    new StreamPermissions(
                            true,
                            false,
                            true,
                            false,
                            false,
                            true,
                            Map.of(0L, new TopicPermissions(false, true, true, false))),
                    3L,
                    new StreamPermissions(false, true, false, false, true, false, Map.of())));

    @Test
    void rootIsUserZeroNamedIggy() {
        UserInfoDetails rootUser = root.users().getUser(0L).orElseThrow();

        assertThat(rootUser.id()).isZero();
        assertThat(rootUser.username()).isEqualTo("iggy");
        assertThat(rootUser.status()).isEqualTo(UserStatus.Active);
    }

    @Test
    void loginReturnsTheUsersId() {
        root.users().createUser("alice", "secret1", UserStatus.Active, Optional.empty());
        IggyBaseClient client = clients().anonymous();

        IdentityInfo identity = client.users().login("alice", "secret1");

        assertThat(identity.userId()).isEqualTo(1);
        assertThat(client.users().login("iggy", "iggy").userId()).isZero();
    }

    @Test
    void createUserWithoutPermissions() {
        UserInfoDetails created = root.users().createUser("alice", "secret1", UserStatus.Active, Optional.empty());

        assertThat(created.id()).isEqualTo(1);
        assertThat(created.username()).isEqualTo("alice");
        assertThat(created.status()).isEqualTo(UserStatus.Active);
        assertThat(created.permissions()).isEmpty();
        assertThat(created.createdAt().longValueExact()).isPositive();
        assertThat(root.users().getUser(1L)).contains(created);
    }

    @Test
    void createUserWithPermissionsReadsThemBack() {
        UserInfoDetails created = root.users().createUser("bob", "secret2", UserStatus.Inactive, Optional.of(MIXED));

        assertThat(created.permissions()).contains(MIXED);
        assertThat(created.status()).isEqualTo(UserStatus.Inactive);
        UserInfoDetails read = root.users().getUser(UserId.of("bob")).orElseThrow();
        assertThat(read.permissions()).contains(MIXED);
        assertThat(read).isEqualTo(created);
    }

    @Test
    void userIdsCountUpFromOne() {
        UserInfoDetails a = root.users().createUser("user-a", "pass-a", UserStatus.Active, Optional.empty());
        UserInfoDetails b = root.users().createUser("user-b", "pass-b", UserStatus.Active, Optional.empty());

        assertThat(a.id()).isEqualTo(1);
        assertThat(b.id()).isEqualTo(2);
    }

    @Test
    void getUsersListsRootAndEveryCreatedUser() {
        root.users().createUser("user-a", "pass-a", UserStatus.Active, Optional.empty());
        root.users().createUser("user-b", "pass-b", UserStatus.Inactive, Optional.empty());

        assertThat(root.users().getUsers())
                .extracting(UserInfo::id, UserInfo::username, UserInfo::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(0L, "iggy", UserStatus.Active),
                        org.assertj.core.groups.Tuple.tuple(1L, "user-a", UserStatus.Active),
                        org.assertj.core.groups.Tuple.tuple(2L, "user-b", UserStatus.Inactive));
    }

    @Test
    void getMissingUserIsEmpty() {
        assertThat(root.users().getUser(9L)).isEmpty();
        assertThat(root.users().getUser(UserId.of("nobody"))).isEmpty();
    }

    @Test
    void updateUserChangesUsernameAndStatus() {
        root.users().createUser("before", "secret1", UserStatus.Active, Optional.empty());

        root.users().updateUser(1L, Optional.of("after"), Optional.of(UserStatus.Inactive));

        UserInfoDetails updated = root.users().getUser(1L).orElseThrow();
        assertThat(updated.username()).isEqualTo("after");
        assertThat(updated.status()).isEqualTo(UserStatus.Inactive);
        assertThat(root.users().getUser(UserId.of("before"))).isEmpty();
    }

    @Test
    void updateUserWithOnlyAStatusKeepsTheName() {
        root.users().createUser("steady", "secret1", UserStatus.Inactive, Optional.empty());

        root.users().updateUser(UserId.of("steady"), Optional.empty(), Optional.of(UserStatus.Active));

        UserInfoDetails updated = root.users().getUser(1L).orElseThrow();
        assertThat(updated.username()).isEqualTo("steady");
        assertThat(updated.status()).isEqualTo(UserStatus.Active);
    }

    @Test
    void updateUserToATakenNameIsAConflict() {
        root.users().createUser("first", "secret1", UserStatus.Active, Optional.empty());

        assertConflict(() -> root.users().updateUser(1L, Optional.of("iggy"), Optional.empty()), 46);
    }

    @Test
    void updatePermissionsReplacesAndClearsThem() {
        root.users().createUser("carol", "secret3", UserStatus.Active, Optional.empty());

        root.users().updatePermissions(1L, Optional.of(MIXED));
        assertThat(root.users().getUser(1L).orElseThrow().permissions()).contains(MIXED);

        Permissions globalOnly = new Permissions(Sdk.global(Sdk.GlobalFlag.READ_STREAMS), Map.of());
        root.users().updatePermissions(1L, Optional.of(globalOnly));
        assertThat(root.users().getUser(1L).orElseThrow().permissions()).contains(globalOnly);

        root.users().updatePermissions(1L, Optional.empty());
        assertThat(root.users().getUser(1L).orElseThrow().permissions()).isEmpty();
    }

    @Test
    void changedPasswordWorksOnANewClientAndTheOldOneDoesNot() {
        root.users().createUser("dave", "old-pass", UserStatus.Active, Optional.empty());

        root.users().changePassword(1L, "old-pass", "new-pass");

        IggyBaseClient fresh = clients().login("dave", "new-pass");
        assertThat(fresh.personalAccessTokens().getPersonalAccessTokens()).isEmpty(); // needs a login only
        if (clients().flavour().sessionful()) {
            assertThat(fresh.system().getMe().userId()).contains(1L);
        }
        IggyBaseClient other = clients().anonymous();
        assertAuthentication(() -> other.users().login("dave", "old-pass"), 42);
    }

    @Test
    void changePasswordWithAWrongCurrentPasswordIsInvalidCredentials() {
        root.users().createUser("erin", "right-pass", UserStatus.Active, Optional.empty());

        assertAuthentication(() -> root.users().changePassword(1L, "wrong-pass", "new-pass"), 42);
    }

    @Test
    void deleteUserRemovesItAndItsLogin() {
        root.users().createUser("gone", "secret1", UserStatus.Active, Optional.empty());

        root.users().deleteUser(1L);

        assertThat(root.users().getUser(1L)).isEmpty();
        IggyBaseClient client = clients().anonymous();
        assertAuthentication(() -> client.users().login("gone", "secret1"), 42);
    }

    @Test
    void rootCannotBeDeleted() {
        assertServerError(() -> root.users().deleteUser(0L), IggyServerException.class, 48);
        assertThat(root.users().getUser(0L)).isPresent();
    }

    @Test
    void duplicateUsernameIsAConflict() {
        root.users().createUser("twin", "secret1", UserStatus.Active, Optional.empty());

        assertConflict(() -> root.users().createUser("twin", "secret2", UserStatus.Active, Optional.empty()), 46);
    }

    @Test
    void tooShortUsernameOrPasswordIsRejected() {
        assertAuthentication(() -> root.users().createUser("ab", "secret1", UserStatus.Active, Optional.empty()), 43);
        assertAuthentication(() -> root.users().createUser("abc", "pw", UserStatus.Active, Optional.empty()), 44);
    }

    @Test
    void wrongPasswordLoginIsInvalidCredentials() {
        root.users().createUser("henry", "right-pass", UserStatus.Active, Optional.empty());
        IggyBaseClient client = clients().anonymous();

        assertAuthentication(() -> client.users().login("henry", "wrong-pass"), 42);
        assertAuthentication(() -> client.users().login("nobody", "whatever"), 42);
    }

    @Test
    void wrongPasswordThroughTheBuilderIsInvalidCredentials() {
        assertAuthentication(() -> clients().login("iggy", "not-iggy"), 42);
    }

    @Test
    void inactiveUserCannotLogIn() {
        root.users().createUser("sleeper", "secret1", UserStatus.Inactive, Optional.empty());
        IggyBaseClient client = clients().anonymous();

        assertServerError(() -> client.users().login("sleeper", "secret1"), IggyServerException.class, 47);
    }

    @Test
    void deactivatedUserCannotLogInAgain() {
        root.users().createUser("retiree", "secret1", UserStatus.Active, Optional.empty());
        clients().login("retiree", "secret1");

        root.users().updateUser(1L, Optional.empty(), Optional.of(UserStatus.Inactive));

        IggyBaseClient client = clients().anonymous();
        assertServerError(() -> client.users().login("retiree", "secret1"), IggyServerException.class, 47);
    }

    @Test
    void logoutEndsTheSessionAndLoginStartsANewOne() {
        IggyBaseClient client = clients().root();

        client.users().logout();

        // After logout the TCP SDK itself refuses session commands until the next login; over HTTP
        // the request goes out without a token and the server answers 40.
        ServerErrors.assertUnauthenticated(() -> client.streams().getStreams());
        client.users().login("iggy", "iggy");
        assertThat(client.streams().getStreams()).isEmpty();
    }
}
