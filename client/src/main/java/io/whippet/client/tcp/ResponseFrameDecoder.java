package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Splits the byte stream into {@link ResponseFrame}s.
 *
 * <pre>
 * [status:u32 LE, 0 = OK][length:u32 LE][payload: length bytes]
 * </pre>
 *
 * A length above {@code maxPayloadBytes} is checked before anything is allocated and closes the
 * connection: the stream cannot be resynchronised after it.
 */
final class ResponseFrameDecoder extends ByteToMessageDecoder {
    static final int HEADER_BYTES = 8;

    private final long maxPayloadBytes;

    ResponseFrameDecoder(long maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
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
                return;
            }
            in.skipBytes(HEADER_BYTES);
            out.add(new ResponseFrame(status, in.readRetainedSlice((int) length)));
        }
    }
}
