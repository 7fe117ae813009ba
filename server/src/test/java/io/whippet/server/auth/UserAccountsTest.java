package io.whippet.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import io.whippet.server.auth.PasswordHasher.Cost;
import io.whippet.server.metadata.Metadata;
import io.whippet.server.metadata.MetadataOptions;
import io.whippet.server.metadata.User;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAccountsTest {
    @TempDir
    Path dir;

    private Metadata metadata;
    private UserAccounts accounts;

    @BeforeEach
    void open() {
        metadata = Metadata.open(dir, InstantSource.system(), MetadataOptions.defaults());
        accounts = new UserAccounts(metadata, new PasswordHasher(new Cost(256, 1, 1), new SecureRandom()));
        accounts.ensureRootUser("iggy", "iggy");
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    private static void assertError(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOf(WhippetException.class)
                .extracting(e -> ((WhippetException) e).errorCode())
                .isEqualTo(code);
    }

    @Test
    void rootLogsInWithTheBootstrapCredentials() {
        User root = accounts.login("iggy", "iggy");

        assertThat(root.id()).isZero();
        assertThat(root.permissions()).contains(Permissions.all());
        assertThat(root.passwordHash()).startsWith("$argon2id$").doesNotContain("iggy$");
        assertThat(accounts.ensureRootUser("iggy", "changed")).isFalse();
        assertThat(accounts.login("iggy", "iggy").id()).isZero();
    }

    @Test
    void loginFailuresCarryIggysCodes() {
        accounts.createUser("bob", "builder", UserStatus.INACTIVE, null);

        assertError(() -> accounts.login("ab", "iggy"), ErrorCode.INVALID_USERNAME);
        assertError(() -> accounts.login("iggy", "ab"), ErrorCode.INVALID_PASSWORD);
        assertError(() -> accounts.login("iggy", "x".repeat(101)), ErrorCode.INVALID_PASSWORD);
        assertError(() -> accounts.login("nobody", "iggy"), ErrorCode.INVALID_CREDENTIALS);
        assertError(() -> accounts.login("iggy", "wrong"), ErrorCode.INVALID_CREDENTIALS);
        assertError(() -> accounts.login("bob", "wrong"), ErrorCode.INVALID_CREDENTIALS);
        assertError(() -> accounts.login("bob", "builder"), ErrorCode.USER_INACTIVE);
    }

    @Test
    void createUserValidatesThePasswordAndRejectsDuplicates() {
        assertError(() -> accounts.createUser("alice", "ab", UserStatus.ACTIVE, null), ErrorCode.INVALID_PASSWORD);
        User alice = accounts.createUser("alice", "wonderland", UserStatus.ACTIVE, Permissions.none());
        assertThat(alice.id()).isEqualTo(1);
        assertError(
                () -> accounts.createUser("alice", "wonderland", UserStatus.ACTIVE, null),
                ErrorCode.USER_ALREADY_EXISTS);
        assertThat(accounts.login("alice", "wonderland")).isEqualTo(alice);
    }

    @Test
    void changePasswordNeedsTheCurrentOne() {
        accounts.createUser("alice", "wonderland", UserStatus.ACTIVE, null);

        assertError(
                () -> accounts.changePassword(Identifier.of("alice"), "wrong", "looking-glass"),
                ErrorCode.INVALID_CREDENTIALS);
        accounts.changePassword(Identifier.of("alice"), "wonderland", "looking-glass");

        assertError(() -> accounts.login("alice", "wonderland"), ErrorCode.INVALID_CREDENTIALS);
        assertThat(accounts.login("alice", "looking-glass").username()).isEqualTo("alice");
    }
}
