package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;

/**
 * A TLS connection's allocator: while {@code SslHandler} decrypts, the buffer it asks for to hold
 * the plaintext is the rest of the reply {@link ResponseFrameDecoder} is assembling, so a poll
 * reply is decrypted straight into its own buffer. Everything else is the shared pool's.
 *
 * <p>Why: SslHandler decrypts a socket read (up to 1 MiB of records) into one new buffer and the
 * decoder then copied that into the reply's buffer; a 1 MB poll paid a second full copy on the
 * I/O thread that a plaintext connection avoids with {@link ReplyReadAllocator}. When no reply is
 * pending, a decrypt gets at most {@value #HEADER_READ_BYTES} bytes (one record's plaintext), so
 * the next reply's header is seen early and the decrypt continues into that reply.
 *
 * <pre>
 * socket -> [Scope(true)] -> SslHandler -> [Scope(false)] -> ResponseFrameDecoder -> ...
 *           lending on while SslHandler runs; off again while the decoded reply goes downstream
 *           (a handler there may write a request, whose buffer must not be a reply's)
 * </pre>
 *
 * Only for netty-tcnative's engine, which decrypts partial records into a buffer of any size (the
 * JDK's would ask again and again for a buffer that holds a whole record). Lends on the event
 * loop only.
 */
final class UnwrapAllocator implements ByteBufAllocator {
    /** TLS's largest record plaintext: a decrypt with no reply pending stops after one record. */
    static final int HEADER_READ_BYTES = 16 * 1024;

    private final ByteBufAllocator pool;
    private final ResponseFrameDecoder decoder;
    /**
     * The event loop while SslHandler decrypts on it (see {@link Scope}), else null. A thread
     * rather than a flag: any other thread allocating through the channel gets the pool's buffer.
     */
    private @Nullable Thread lender;

    UnwrapAllocator(ByteBufAllocator pool, ResponseFrameDecoder decoder) {
        this.pool = pool;
        this.decoder = decoder;
    }

    /** The handler that turns lending on (before SslHandler) or off (after it) for what it passes on. */
    Scope scope(boolean lend) {
        return new Scope(lend);
    }

    final class Scope extends ChannelInboundHandlerAdapter {
        private final boolean lend;

        private Scope(boolean lend) {
            this.lend = lend;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Thread was = lender;
            lender = lend ? Thread.currentThread() : null;
            try {
                ctx.fireChannelRead(msg);
            } finally {
                lender = was;
            }
        }

        @Override
        public boolean isSharable() {
            return false;
        }
    }

    /**
     * SslHandler's call for its plaintext buffers, and for its ciphertext, which it writes while
     * decrypting only for a handshake, a key update or an alert: a reply's slice used for that is
     * sent as it is and never counted into the reply (the decoder sees another buffer).
     */
    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        if (lender != Thread.currentThread()) {
            return pool.directBuffer(initialCapacity);
        }
        ByteBuf target = decoder.readTarget();
        return target != null ? target : pool.directBuffer(Math.min(initialCapacity, HEADER_READ_BYTES));
    }

    @Override
    public ByteBuf buffer() {
        return pool.buffer();
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        return pool.buffer(initialCapacity);
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
        return pool.buffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf ioBuffer() {
        return pool.ioBuffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return pool.ioBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return pool.ioBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf heapBuffer() {
        return pool.heapBuffer();
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
        return pool.heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return pool.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf directBuffer() {
        return pool.directBuffer();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        return pool.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
        return pool.compositeBuffer();
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
        return pool.compositeBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
        return pool.compositeHeapBuffer();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return pool.compositeHeapBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
        return pool.compositeDirectBuffer();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return pool.compositeDirectBuffer(maxNumComponents);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return pool.isDirectBufferPooled();
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        return pool.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
}
