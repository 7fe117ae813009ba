package io.whippet.server.command;

import java.nio.ByteBuffer;

/**
 * Executes one request of a session. Called on a virtual thread, one request of a session at a
 * time and in arrival order; may block (storage, fsync). Never throws: failures become
 * {@link Reply.Failed}.
 */
public interface CommandProcessor {
    /**
     * @param session the connection's state
     * @param code the raw command code from the frame (unknown codes are answered with error 3)
     * @param payload the request payload, little-endian; valid only during the call
     */
    Reply process(Session session, int code, ByteBuffer payload);

    /** The connection of {@code session} is gone: drop its memberships and registrations. */
    void disconnected(Session session);

    /** A new connection was accepted. */
    void connected(Session session);
}
