package io.whippet.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * The receive buffers of one plaintext connection: while {@link RequestFrameDecoder} assembles a
 * frame, the socket reads straight into the frame's own buffer (a slice of its missing bytes),
 * otherwise into a pooled {@value #READ_BYTES}-byte buffer.
 *
 * <p>Why: with ordinary receive buffers every read of a 1 MB SendMessages frame was copied a
 * second time, from the read buffer into the decoder's cumulation. Reading into the frame itself
 * drops that copy and lets one {@code recv} take as much of the frame as the socket holds. Not for
 * TLS, where the socket's bytes are ciphertext. Event loop only, like the decoder.
 */
final class FrameReadAllocator extends DefaultMaxMessagesRecvByteBufAllocator {
    private static final int READ_BYTES = 64 * 1024;
    /** Netty's default for stream channels. */
    private static final int MAX_READS_PER_WAKEUP = 16;

    private final RequestFrameDecoder decoder;

    FrameReadAllocator(RequestFrameDecoder decoder) {
        super(MAX_READS_PER_WAKEUP);
        this.decoder = decoder;
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public ByteBuf allocate(ByteBufAllocator allocator) {
                ByteBuf target = decoder.readTarget();
                return target != null ? target : allocator.ioBuffer(READ_BYTES);
            }

            @Override
            public int guess() {
                return READ_BYTES;
            }
        };
    }
}
