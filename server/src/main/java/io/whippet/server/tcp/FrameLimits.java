package io.whippet.server.tcp;

/**
 * The largest request payload accepted, checked before any byte of it is buffered: small before
 * login (only ping and the logins are allowed then), 10 MiB for control commands as in Iggy, and
 * a separate limit for SendMessages batches.
 */
public record FrameLimits(int maxUnauthenticatedPayloadBytes, int maxControlPayloadBytes, int maxSendPayloadBytes) {
    public static FrameLimits defaults() {
        return new FrameLimits(64 * 1024, 10 * 1024 * 1024, 64 * 1024 * 1024);
    }
}
