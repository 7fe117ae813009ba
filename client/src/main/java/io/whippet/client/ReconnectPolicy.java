package io.whippet.client;

/**
 * How hard a client tries to (re)connect before it fails the waiting requests: up to {@code
 * maxRetries} further attempts after the first, waiting {@code intervalMs} times the attempt number
 * between them, never more than {@code maxIntervalMs}.
 */
public record ReconnectPolicy(int maxRetries, long intervalMs, long maxIntervalMs) {
    public ReconnectPolicy {
        if (maxRetries < 0 || intervalMs < 0 || maxIntervalMs < intervalMs) {
            throw new IllegalArgumentException("reconnect policy: " + maxRetries + " retries, " + intervalMs + ".."
                    + maxIntervalMs + " ms (expected: retries >= 0, 0 <= interval <= max interval)");
        }
    }

    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(5, 200, 5_000);
    }

    public static ReconnectPolicy none() {
        return new ReconnectPolicy(0, 0, 0);
    }

    /** The wait before retry number {@code attempt} (1-based). */
    public long delayMs(int attempt) {
        return Math.min(maxIntervalMs, intervalMs * Math.max(1, attempt));
    }
}
