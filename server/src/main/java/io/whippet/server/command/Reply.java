package io.whippet.server.command;

import io.whippet.protocol.ErrorCode;
import java.nio.ByteBuffer;

/**
 * What a command produced, before a transport encodes it: an OK payload, an error, or polled
 * messages that stay in their segment files until the transport sends them (zero-copy).
 */
public sealed interface Reply {
    Reply EMPTY = new Ok(ByteBuffer.allocate(0));

    static Reply ok(ByteBuffer payload) {
        return new Ok(payload);
    }

    static Reply error(ErrorCode code, String message) {
        return new Failed(code, message);
    }

    /** Status 0 with {@code payload} (position..limit, little-endian). */
    record Ok(ByteBuffer payload) implements Reply {}

    /** A non-zero status; on TCP the payload is always empty, the message is for logs and HTTP. */
    record Failed(ErrorCode code, String message) implements Reply {}
}
