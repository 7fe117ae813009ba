package io.whippet.server.command;

import java.nio.ByteBuffer;

/**
 * Executes one request of a session. Called one request of a session at a time and in arrival
 * order, on a virtual thread where it may block (storage, fsync), or on the connection's I/O thread
 * for the codes {@link #quickOnIoThread} names. Never throws: failures become {@link Reply.Failed}.
 */
public interface CommandProcessor {
    /**
     * @param session the connection's state
     * @param code the raw command code from the frame (unknown codes are answered with error 3)
     * @param payload the request payload, little-endian; valid only during the call
     */
    Reply process(Session session, int code, ByteBuffer payload);

    /**
     * Whether a request with {@code code} and {@code payload} (little-endian, not consumed) finishes
     * quickly and never waits for another thread or an fsync, so that a transport may run it on its
     * I/O thread and spare two thread hand-offs. Such a request must still not block that thread
     * for long: a transport that sees one take long sends the next ones to a virtual thread again.
     */
    default boolean quickOnIoThread(int code, ByteBuffer payload) {
        return false;
    }

    /** The connection of {@code session} is gone: drop its memberships and registrations. */
    void disconnected(Session session);

    /** A new connection was accepted. */
    void connected(Session session);
}
