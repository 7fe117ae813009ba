package io.whippet.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.server.command.Session;
import java.util.List;

/**
 * Splits the inbound byte stream into requests. Runs on the channel's event loop.
 *
 * <pre>
 * BEFORE DECODE                                AFTER DECODE
 * +------------+----------+-----------+        +-------------------------------+
 * | length u32 | code u32 | payload   |  --->  | Request(code, payload slice)  |
 * | = 4 + N    |          | (N bytes) |        +-------------------------------+
 * +------------+----------+-----------+
 * </pre>
 *
 * <p>The length is checked against {@link FrameLimits} before anything is buffered beyond the
 * 8-byte header: an oversized or impossible length is answered with error 3 (InvalidCommand) and
 * the connection is closed, since the rest of the stream can no longer be trusted.
 *
 * <p>A TLS client on a plaintext port opens with a handshake record, {@code 16 03 0x ..}: read as
 * a length that is at least 66,326, more than any request before login may carry. It is named as
 * such and refused from its first 8 bytes, so its "length" is never allocated.
 */
final class RequestFrameDecoder extends ByteToMessageDecoder {
    static final int HEADER_SIZE = 8;

    private final FrameLimits limits;
    private final Session session;
    private boolean failed;

    RequestFrameDecoder(FrameLimits limits, Session session) {
        this.limits = limits;
        this.session = session;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER_SIZE) {
            int start = in.readerIndex();
            long length = in.getUnsignedIntLE(start);
            int code = in.getIntLE(start + 4);
            if (!session.authenticated() && isTlsHandshake(in, start)) {
                fail(
                        in,
                        out,
                        "a TLS handshake on a plaintext port (first bytes: 16 03 0" + in.getByte(start + 2) + ")");
                return;
            }
            if (length < 4) {
                fail(in, out, "frame length: " + length + " (expected: >= 4)");
                return;
            }
            long payloadLength = length - 4;
            int limit = limitFor(code);
            if (payloadLength > limit) {
                fail(in, out, "frame payload length: " + payloadLength + " (expected: <= " + limit + ")");
                return;
            }
            if (in.readableBytes() < HEADER_SIZE + payloadLength) {
                // Make room for the whole frame in one step rather than by repeated doubling.
                in.ensureWritable((int) (HEADER_SIZE + payloadLength - in.readableBytes()), false);
                return;
            }
            in.skipBytes(HEADER_SIZE);
            out.add(new InboundFrame.Request(code, in.readRetainedSlice((int) payloadLength)));
        }
    }

    /** A TLS record header: content type 22 (handshake), version 3.1 to 3.4 (TLS 1.0 to 1.3). */
    private static boolean isTlsHandshake(ByteBuf in, int start) {
        return in.getByte(start) == 0x16
                && in.getByte(start + 1) == 0x03
                && in.getByte(start + 2) >= 0x01
                && in.getByte(start + 2) <= 0x04;
    }

    private int limitFor(int code) {
        if (!session.authenticated()) {
            return limits.maxUnauthenticatedPayloadBytes();
        }
        return code == CommandCode.SEND_MESSAGES.code()
                ? limits.maxSendPayloadBytes()
                : limits.maxControlPayloadBytes();
    }

    private void fail(ByteBuf in, List<Object> out, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new InboundFrame.Malformed(ErrorCode.INVALID_COMMAND, message));
    }
}
