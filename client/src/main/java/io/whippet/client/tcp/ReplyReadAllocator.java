package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * Where a plaintext connection's socket reads land: into the rest of the reply {@link
 * ResponseFrameDecoder} is assembling when there is one, else into a pooled {@value #READ_BYTES}-byte
 * buffer (which then holds the next header and the start of its reply).
 *
 * <p>Why: a 1 MB poll reply is larger than any read buffer worth keeping, so it always spanned
 * reads, and every byte was copied a second time from the read buffers into the cumulation. Reading
 * into the reply's own buffer leaves one copy, the kernel's, and lets one {@code recv} take all the
 * socket holds of it. Not for TLS, whose socket bytes are ciphertext. Event loop only.
 */
final class ReplyReadAllocator extends DefaultMaxMessagesRecvByteBufAllocator {
    private static final int READ_BYTES = 64 * 1024;
    /** Netty's default for stream channels. */
    private static final int MAX_READS_PER_WAKEUP = 16;

    private final ResponseFrameDecoder decoder;

    ReplyReadAllocator(ResponseFrameDecoder decoder) {
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
