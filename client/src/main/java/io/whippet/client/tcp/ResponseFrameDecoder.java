package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits the byte stream into {@link ResponseFrame}s.
 *
 * <pre>
 * [status:u32 LE, 0 = OK][length:u32 LE][payload: length bytes]
 * </pre>
 *
 * A length above {@code maxPayloadBytes} is checked before anything is allocated and closes the
 * connection: the stream cannot be resynchronised after it.
 *
 * <p>Once a header says how long its reply is, the cumulation is grown to the whole reply, and on a
 * plaintext connection {@link ReplyReadAllocator} asks {@link #readTarget()} where the next read
 * should land (on a TLS connection {@link UnwrapAllocator} asks where SslHandler should decrypt
 * to): in the cumulation, right after the bytes already received. A 1 MB poll reply then arrives
 * by one or two reads into its own buffer, which is lent to the caller as it is, instead of being
 * copied from each read buffer into the cumulation.
 *
 * <pre>
 * cumulation: [header][payload received ...][readTarget(): the missing bytes][spare]
 *             ^ readerIndex                 ^ writerIndex
 * </pre>
 */
final class ResponseFrameDecoder extends ByteToMessageDecoder {
    static final int HEADER_BYTES = 8;

    private final long maxPayloadBytes;
    /** Whether the cumulation starts with a header whose reply is still incomplete. */
    private boolean awaitingReply;
    /** The part of the cumulation lent to the read in progress. */
    private @Nullable ByteBuf readSlice;

    ResponseFrameDecoder(long maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * The bytes the pending reply still misses, as an empty slice of the cumulation to read into,
     * or null when no reply is pending or the cumulation is shared (a reply sliced from it is
     * still out) and must not be written.
     */
    @Nullable
    ByteBuf readTarget() {
        readSlice = null;
        ByteBuf cumulation = internalBuffer();
        if (!awaitingReply || cumulation.readableBytes() < HEADER_BYTES || cumulation.refCnt() != 1) {
            return null;
        }
        long replyEnd =
                cumulation.readerIndex() + HEADER_BYTES + cumulation.getUnsignedIntLE(cumulation.readerIndex() + 4);
        long missing = replyEnd - cumulation.writerIndex();
        if (missing <= 0 || missing > cumulation.writableBytes()) {
            return null;
        }
        readSlice = cumulation
                .retainedSlice(cumulation.writerIndex(), (int) missing)
                .clear();
        return readSlice;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ByteBuf lent = readSlice;
        if (lent == null || msg != lent) {
            super.channelRead(ctx, msg);
            return;
        }
        // The bytes already sit after the cumulation's writer index: count them in and decode.
        readSlice = null;
        int read = lent.readableBytes();
        lent.release();
        ByteBuf cumulation = internalBuffer();
        cumulation.writerIndex(cumulation.writerIndex() + read);
        super.channelRead(ctx, Unpooled.EMPTY_BUFFER);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        awaitingReply = false;
        while (in.readableBytes() >= HEADER_BYTES) {
            int start = in.readerIndex();
            int status = in.getIntLE(start);
            long length = in.getUnsignedIntLE(start + 4);
            if (length > maxPayloadBytes) {
                in.skipBytes(in.readableBytes());
                ctx.close();
                throw new CorruptedFrameException(
                        "reply length: " + length + " (expected: <= " + maxPayloadBytes + ")");
            }
            if (in.readableBytes() - HEADER_BYTES < length) {
                // Room for the whole reply in one step: a 1 MB poll would otherwise grow the
                // cumulation by doubling, copying what arrived so far at every step.
                in.ensureWritable((int) (HEADER_BYTES + length - in.readableBytes()), false);
                awaitingReply = true;
                return;
            }
            in.skipBytes(HEADER_BYTES);
            out.add(new ResponseFrame(status, in.readRetainedSlice((int) length)));
        }
    }
}
