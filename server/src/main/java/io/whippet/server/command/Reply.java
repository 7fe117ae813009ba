package io.whippet.server.command;

import io.whippet.protocol.ErrorCode;
import io.whippet.storage.ReadResult;
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

    /**
     * Status 0 with {@code header} followed by the messages of {@code messages}, which stay in
     * their segment files until the transport sends them. The transport must close
     * {@code messages} once the bytes are sent or the send failed.
     */
    record Polled(ByteBuffer header, ReadResult messages) implements Reply {}
}
