package io.whippet.server.auth;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.Metadata;
import io.whippet.server.metadata.PersonalAccessToken;
import io.whippet.server.metadata.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Personal access tokens: creation, login and expiry. A token is 50 random bytes in padded standard
 * base64 (68 characters), as Iggy 0.8.0 makes them; it is shown to its owner once and only its
 * SHA-256 hex digest is kept in {@link Metadata}.
 *
 * <p>Login finds a token by the digest of what the client sent. The map lookup compares digests,
 * not secrets, so its timing says nothing useful about the token; the final comparison is constant
 * time anyway. Thread-safe: all state lives in {@link Metadata}.
 */
public final class PersonalAccessTokens {
    private static final int TOKEN_BYTES = 50;

    private final Metadata metadata;
    private final InstantSource clock;
    private final SecureRandom random;

    public PersonalAccessTokens(Metadata metadata, InstantSource clock, SecureRandom random) {
        this.metadata = metadata;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Creates a token for the user and answers the secret, the only time it is visible. {@code
     * expiryMicros} is the request's u64: 0 (server default) and {@code u64::MAX} never expire,
     * anything else is a lifetime from now.
     */
    public String create(long userId, String name, long expiryMicros) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getEncoder().encodeToString(secret);
        metadata.createPersonalAccessToken(userId, name, sha256Hex(token), expiryAtMicros(nowMicros(), expiryMicros));
        return token;
    }

    /**
     * The user a token belongs to. Unknown token → 53, expired → 54, owner inactive → 47.
     */
    public User login(String token) {
        String hash = sha256Hex(token);
        Optional<PersonalAccessToken> found = metadata.personalAccessTokenByHash(hash);
        if (found.isEmpty()
                || !MessageDigest.isEqual(
                        hash.getBytes(StandardCharsets.US_ASCII),
                        found.get().tokenHashHex().getBytes(StandardCharsets.US_ASCII))) {
            throw new WhippetException(ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN);
        }
        PersonalAccessToken stored = found.get();
        if (stored.isExpiredAt(nowMicros())) {
            throw new WhippetException(
                    ErrorCode.PERSONAL_ACCESS_TOKEN_EXPIRED, "personal access token: " + stored.name() + " (expired)");
        }
        User user = metadata.user(Identifier.of(stored.userId()))
                .orElseThrow(() -> new WhippetException(ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN));
        if (!user.isActive()) {
            throw new WhippetException(ErrorCode.USER_INACTIVE, "user: " + user.id() + " (inactive)");
        }
        return user;
    }

    /** The user's tokens, by name (GetPersonalAccessTokens). */
    public List<PersonalAccessToken> list(long userId) {
        return metadata.personalAccessTokens(userId);
    }

    public PersonalAccessToken delete(long userId, String name) {
        return metadata.deletePersonalAccessToken(userId, name);
    }

    /** Deletes expired tokens; the server calls this periodically (Iggy's cleaner runs every minute). */
    public List<PersonalAccessToken> deleteExpired(long nowMicros) {
        return metadata.deleteExpiredPersonalAccessTokens(nowMicros);
    }

    /** The absolute expiry for a requested lifetime; lifetimes past the end of time never expire. */
    static long expiryAtMicros(long nowMicros, long requestedExpiryMicros) {
        if (requestedExpiryMicros == 0 || requestedExpiryMicros == -1L) {
            return PersonalAccessToken.NEVER;
        }
        long expiry = nowMicros + requestedExpiryMicros;
        if (requestedExpiryMicros < 0 || expiry < nowMicros) {
            return PersonalAccessToken.NEVER;
        }
        return expiry;
    }

    static String sha256Hex(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
