package io.whippet.server.tcp;

import io.whippet.protocol.CommandCode;

/**
 * The largest request payload accepted, checked before any byte of it is buffered: small before
 * login (only ping and the logins are allowed then), 10 MiB for control commands as in Iggy, and
 * a separate limit for SendMessages batches.
 */
public record FrameLimits(int maxUnauthenticatedPayloadBytes, int maxControlPayloadBytes, int maxSendPayloadBytes) {
    /** The largest payload accepted for {@code code}, by whether the session is logged in. */
    public int maxPayloadBytes(boolean authenticated, int code) {
        if (!authenticated) {
            return maxUnauthenticatedPayloadBytes;
        }
        return code == CommandCode.SEND_MESSAGES.code() ? maxSendPayloadBytes : maxControlPayloadBytes;
    }

    public static FrameLimits defaults() {
        return new FrameLimits(64 * 1024, 10 * 1024 * 1024, 64 * 1024 * 1024);
    }
}
