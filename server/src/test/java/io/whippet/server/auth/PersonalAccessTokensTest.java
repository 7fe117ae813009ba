package io.whippet.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.Metadata;
import io.whippet.server.metadata.MetadataOptions;
import io.whippet.server.metadata.PersonalAccessToken;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalAccessTokensTest {
    private static final long START_MICROS = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private long nowMicros = START_MICROS;
    private final InstantSource clock =
            () -> Instant.ofEpochSecond(nowMicros / 1_000_000, (nowMicros % 1_000_000) * 1_000);
    private Metadata metadata;
    private PersonalAccessTokens tokens;

    @BeforeEach
    void open() {
        metadata = Metadata.open(dir, clock, MetadataOptions.defaults());
        metadata.ensureRootUser("root", () -> "hash");
        tokens = new PersonalAccessTokens(metadata, clock, new SecureRandom());
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
    void aTokenIs50RandomBytesInPaddedBase64AndOnlyItsHashIsStored() {
        String token = tokens.create(0, "ci-token", 0);

        assertThat(token).hasSize(68);
        assertThat(Base64.getDecoder().decode(token)).hasSize(50);
        PersonalAccessToken stored = metadata.personalAccessTokens(0).getFirst();
        assertThat(stored.tokenHashHex())
                .isEqualTo(PersonalAccessTokens.sha256Hex(token))
                .hasSize(64);
        assertThat(stored.tokenHashHex()).doesNotContain(token);
        assertThat(tokens.create(0, "another", 0)).isNotEqualTo(token);
    }

    @Test
    void loginWithATokenAnswersItsUser() {
        String token = tokens.create(0, "ci-token", 0);

        assertThat(tokens.login(token).id()).isZero();
        assertError(() -> tokens.login(token + "x"), ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN);
    }

    @Test
    void aTokenExpiresAfterItsLifetime() {
        String token = tokens.create(0, "short", 1_000);
        assertThat(metadata.personalAccessTokens(0).getFirst().expiryAtMicros()).isEqualTo(START_MICROS + 1_000);

        nowMicros += 999;
        assertThat(tokens.login(token).id()).isZero();
        nowMicros += 1;
        assertError(() -> tokens.login(token), ErrorCode.PERSONAL_ACCESS_TOKEN_EXPIRED);

        assertThat(tokens.deleteExpired(nowMicros))
                .extracting(PersonalAccessToken::name)
                .containsExactly("short");
        assertError(() -> tokens.login(token), ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN);
    }

    @Test
    void zeroAndU64MaxExpiryMeanNever() {
        assertThat(PersonalAccessTokens.expiryAtMicros(START_MICROS, 0)).isEqualTo(PersonalAccessToken.NEVER);
        assertThat(PersonalAccessTokens.expiryAtMicros(START_MICROS, -1L)).isEqualTo(PersonalAccessToken.NEVER);
        assertThat(PersonalAccessTokens.expiryAtMicros(START_MICROS, Long.MAX_VALUE))
                .isEqualTo(PersonalAccessToken.NEVER);
        assertThat(PersonalAccessTokens.expiryAtMicros(START_MICROS, 5)).isEqualTo(START_MICROS + 5);

        String token = tokens.create(0, "forever", -1L);
        nowMicros = Long.MAX_VALUE / 2;
        assertThat(tokens.login(token).id()).isZero();
    }

    @Test
    void anInactiveOwnerCannotLogInWithAToken() {
        long alice =
                metadata.createUser("alice", "hash", UserStatus.ACTIVE, null).id();
        String token = tokens.create(alice, "alice-token", 0);
        metadata.updateUser(Identifier.of(alice), null, UserStatus.INACTIVE);

        assertError(() -> tokens.login(token), ErrorCode.USER_INACTIVE);
    }

    @Test
    void tokensSurviveARestart() {
        String token = tokens.create(0, "durable", 0);
        metadata.close();
        metadata = Metadata.open(dir, clock, MetadataOptions.defaults());
        tokens = new PersonalAccessTokens(metadata, clock, new SecureRandom());

        assertThat(tokens.login(token).id()).isZero();
        assertThat(tokens.list(0)).extracting(PersonalAccessToken::name).containsExactly("durable");
        tokens.delete(0, "durable");
        assertError(() -> tokens.login(token), ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN);
    }
}
