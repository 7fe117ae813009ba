package io.whippet.it;

import static io.whippet.it.ServerErrors.assertAuthentication;
import static io.whippet.it.ServerErrors.assertConflict;
import static io.whippet.it.ServerErrors.assertServerError;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo;
import org.apache.iggy.personalaccesstoken.RawPersonalAccessToken;
import org.apache.iggy.user.IdentityInfo;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.Test;

/** Personal access tokens: codes 41-44 (wire-protocol.md 5). */
abstract class PersonalAccessTokensContract extends ContractTestBase {
    private static final long HOUR_MICROS = 3_600_000_000L;

    @Test
    void createdTokenIsReturnedOnceAndListedByName() {
        RawPersonalAccessToken token =
                root.personalAccessTokens().createPersonalAccessToken("ci-token", BigInteger.ZERO);

        assertThat(token.token()).isNotBlank();
        assertThat(root.personalAccessTokens().getPersonalAccessTokens())
                .containsExactly(new PersonalAccessTokenInfo("ci-token", Optional.empty()));
    }

    @Test
    void tokensAreDistinct() {
        String first = root.personalAccessTokens()
                .createPersonalAccessToken("first", BigInteger.ZERO)
                .token();
        String second = root.personalAccessTokens()
                .createPersonalAccessToken("second", BigInteger.ZERO)
                .token();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void expiringTokenListsItsExpiryInMicroseconds() {
        long beforeMicros = StreamsContract.nowMicros();

        root.personalAccessTokens().createPersonalAccessToken("hourly", BigInteger.valueOf(HOUR_MICROS));

        PersonalAccessTokenInfo info =
                root.personalAccessTokens().getPersonalAccessTokens().get(0);
        assertThat(info.name()).isEqualTo("hourly");
        assertThat(info.expiryAt().orElseThrow().longValueExact())
                .isBetween(
                        beforeMicros + HOUR_MICROS - 5_000_000, StreamsContract.nowMicros() + HOUR_MICROS + 5_000_000);
    }

    @Test
    void neverExpiringTokenHasNoExpiry() {
        root.personalAccessTokens().createPersonalAccessToken("forever", Sdk.U64_MAX);

        assertThat(root.personalAccessTokens().getPersonalAccessTokens().get(0).expiryAt())
                .isEmpty();
    }

    @Test
    void tokenLogsInOnANewClientAsItsUser() {
        root.users().createUser("robot", "secret1", UserStatus.Active, Optional.empty());
        IggyBaseClient robot = clients().login("robot", "secret1");
        String token = robot.personalAccessTokens()
                .createPersonalAccessToken("robot-token", BigInteger.ZERO)
                .token();
        IggyBaseClient fresh = clients().anonymous();

        IdentityInfo identity = fresh.personalAccessTokens().loginWithPersonalAccessToken(token);

        assertThat(identity.userId()).isEqualTo(1);
        if (clients().flavour().sessionful()) {
            assertThat(fresh.system().getMe().userId()).contains(1L);
        }
    }

    @Test
    void rootTokenLogsInAsRoot() {
        String token = root.personalAccessTokens()
                .createPersonalAccessToken("root-token", BigInteger.ZERO)
                .token();

        IggyBaseClient fresh = clients().withToken(token);

        assertThat(fresh.streams().getStreams()).isEmpty();
    }

    @Test
    void tokensArePerUser() {
        root.users().createUser("other", "secret1", UserStatus.Active, Optional.empty());
        IggyBaseClient other = clients().login("other", "secret1");
        root.personalAccessTokens().createPersonalAccessToken("shared-name", BigInteger.ZERO);

        other.personalAccessTokens().createPersonalAccessToken("shared-name", BigInteger.ZERO);
        other.personalAccessTokens().createPersonalAccessToken("own", BigInteger.ZERO);

        assertThat(root.personalAccessTokens().getPersonalAccessTokens())
                .extracting(PersonalAccessTokenInfo::name)
                .containsExactly("shared-name");
        assertThat(other.personalAccessTokens().getPersonalAccessTokens())
                .extracting(PersonalAccessTokenInfo::name)
                .containsExactlyInAnyOrder("shared-name", "own");
    }

    @Test
    void deletedTokenIsGoneAndNoLongerLogsIn() {
        String token = root.personalAccessTokens()
                .createPersonalAccessToken("temp", BigInteger.ZERO)
                .token();

        root.personalAccessTokens().deletePersonalAccessToken("temp");

        assertThat(root.personalAccessTokens().getPersonalAccessTokens()).isEmpty();
        IggyBaseClient fresh = clients().anonymous();
        assertAuthentication(() -> fresh.personalAccessTokens().loginWithPersonalAccessToken(token), 53);
    }

    @Test
    void duplicateTokenNameIsAConflict() {
        root.personalAccessTokens().createPersonalAccessToken("dup", BigInteger.ZERO);

        assertConflict(() -> root.personalAccessTokens().createPersonalAccessToken("dup", BigInteger.ZERO), 51);
    }

    @Test
    void badTokenIsInvalidPersonalAccessToken() {
        IggyBaseClient fresh = clients().anonymous();

        assertAuthentication(() -> fresh.personalAccessTokens().loginWithPersonalAccessToken("not-a-real-token"), 53);
    }

    @Test
    void tooShortTokenNameIsInvalidTokenName() {
        assertServerError(
                () -> root.personalAccessTokens().createPersonalAccessToken("ab", BigInteger.ZERO),
                IggyServerException.class,
                50);
    }

    @Test
    void deletingAUserRevokesItsTokens() {
        root.users().createUser("temp-user", "secret1", UserStatus.Active, Optional.empty());
        String token = clients()
                .login("temp-user", "secret1")
                .personalAccessTokens()
                .createPersonalAccessToken("temp-token", BigInteger.ZERO)
                .token();

        root.users().deleteUser(1L);

        IggyBaseClient fresh = clients().anonymous();
        assertAuthentication(() -> fresh.personalAccessTokens().loginWithPersonalAccessToken(token), 53);
    }
}
