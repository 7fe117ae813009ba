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
