package io.whippet.server.tcp;

import io.netty.buffer.ByteBuf;
import io.whippet.protocol.ErrorCode;

/** What the frame decoder hands to the connection handler, in arrival order. */
sealed interface InboundFrame {
    /** A complete request; the handler owns (and releases) {@code payload}. */
    record Request(int code, ByteBuf payload) implements InboundFrame {}

    /** A framing error: answered with {@code code}, then the connection is closed. */
    record Malformed(ErrorCode code, String message) implements InboundFrame {}
}
