package io.whippet.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.whippet.protocol.ErrorCode;
import io.whippet.server.command.Session;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>On a plaintext connection {@link FrameReadAllocator} asks {@link #readTarget()} where the
 * next read should land: into the cumulation itself, right after the part of the frame already
 * received, so a large frame is not copied from read buffers into the cumulation.
 *
 * <p>Room for a frame of up to {@value #WHOLE_FRAME_BYTES} bytes is made as soon as its header is
 * in; a larger one gets that much, and then as much again as has arrived each time the room is
 * full. So a logged-in client that sends headers declaring 64 MiB batches and nothing after
 * them holds 4 MiB per connection, not 64 (with 40 connections that exhausted the server's
 * direct memory); a batch that really arrives costs one extra copy per doubling.
 */
final class RequestFrameDecoder extends ByteToMessageDecoder {
    static final int HEADER_SIZE = 8;
    /** Frames up to this size get all their room at once; see the class comment. */
    static final int WHOLE_FRAME_BYTES = 4 << 20;

    private final FrameLimits limits;
    private final Session session;
    private boolean failed;
    /** Whether the cumulation starts with a valid header whose frame is still incomplete. */
    private boolean awaitingFrame;
    /** The slice of the cumulation handed out for the read in progress. */
    private @Nullable ByteBuf readSlice;

    private final int wholeFrameBytes;

    RequestFrameDecoder(FrameLimits limits, Session session) {
        this(limits, session, WHOLE_FRAME_BYTES);
    }

    /** {@code wholeFrameBytes}: up to which frame size all room is made at the header (tests). */
    RequestFrameDecoder(FrameLimits limits, Session session, int wholeFrameBytes) {
        this.limits = limits;
        this.session = session;
        this.wholeFrameBytes = wholeFrameBytes;
    }

    /**
     * Room for the cumulation's bytes still missing for the frame it holds (all of them, or as
     * many as it has room for), as an empty slice to read into, or null when no frame is waiting
     * (or the cumulation is shared and must not be written).
     */
    @Nullable
    ByteBuf readTarget() {
        readSlice = null;
        ByteBuf cumulation = internalBuffer();
        if (!awaitingFrame || failed || cumulation.readableBytes() < HEADER_SIZE || cumulation.refCnt() != 1) {
            return null;
        }
        long frameEnd = cumulation.readerIndex() + 4L + cumulation.getUnsignedIntLE(cumulation.readerIndex());
        int room = (int) Math.min(frameEnd - cumulation.writerIndex(), cumulation.writableBytes());
        if (room <= 0) {
            return null;
        }
        readSlice = cumulation.retainedSlice(cumulation.writerIndex(), room).clear();
        return readSlice;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ByteBuf slice = readSlice;
        if (slice == null || msg != slice) {
            super.channelRead(ctx, msg);
            return;
        }
        // The bytes are already in place after the cumulation's writer index: take them, then let
        // the decoder run on the cumulation as after any read.
        readSlice = null;
        int read = slice.readableBytes();
        slice.release();
        ByteBuf cumulation = internalBuffer();
        cumulation.writerIndex(cumulation.writerIndex() + read);
        super.channelRead(ctx, Unpooled.EMPTY_BUFFER);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        awaitingFrame = false;
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
            int limit = limits.maxPayloadBytes(session.authenticated(), code);
            if (payloadLength > limit) {
                fail(in, out, "frame payload length: " + payloadLength + " (expected: <= " + limit + ")");
                return;
            }
            if (in.readableBytes() < HEADER_SIZE + payloadLength) {
                // Room for the whole frame in one step rather than by repeated doubling, unless
                // it is large: then for as much as arrived (at least wholeFrameBytes) at a time.
                long missing = HEADER_SIZE + payloadLength - in.readableBytes();
                long room = HEADER_SIZE + payloadLength <= wholeFrameBytes
                        ? missing
                        : Math.min(missing, Math.max(wholeFrameBytes, in.readableBytes()));
                if (in.writableBytes() < room) {
                    in.ensureWritable((int) room, false);
                }
                awaitingFrame = true;
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

    private void fail(ByteBuf in, List<Object> out, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new InboundFrame.Malformed(ErrorCode.INVALID_COMMAND, message));
    }
}
