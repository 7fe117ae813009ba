package io.whippet.server.metadata;

/**
 * A personal access token of one user. Only the SHA-256 hex digest of the secret is kept; the raw
 * token is shown to the client once and never stored. {@code expiryAtMicros} is an absolute
 * timestamp, or {@link #NEVER} (0, as on the wire) when the token never expires.
 */
public record PersonalAccessToken(long userId, String name, String tokenHashHex, long expiryAtMicros) {

    /** The expiry value of a token that never expires (the wire also sends 0). */
    public static final long NEVER = 0L;

    public boolean expires() {
        return expiryAtMicros != NEVER;
    }

    /** Whether the token is expired at {@code nowMicros} (a token expiring at t is invalid from t on). */
    public boolean isExpiredAt(long nowMicros) {
        return expires() && nowMicros >= expiryAtMicros;
    }

    /** Leaves out the token hash: secrets and their digests never reach a log line. */
    @Override
    public String toString() {
        return "PersonalAccessToken[userId=" + userId + ", name=" + name + ", expiryAtMicros=" + expiryAtMicros + "]";
    }
}
