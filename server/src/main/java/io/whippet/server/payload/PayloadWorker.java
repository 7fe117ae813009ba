package io.whippet.server.payload;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * The per-borrower state of payload coding: a reused {@link Gzip}, a reused AES-GCM cipher (when
 * the server has a key) and reusable buffers, so a batch costs no allocation beyond its output.
 * Borrowed from {@link WorkerPool} for one batch, by one thread at a time.
 */
final class PayloadWorker {
    /** Buffers up to this size are kept for the next batch; larger ones are dropped after use. */
    static final int RETAINED_BUFFER_BYTES = 4 << 20;

    final Gzip gzip = new Gzip();
    final @Nullable AesGcm aes;
    private ByteBuffer direct = ByteBuffer.allocateDirect(0);
    private ByteBuffer scratch = ByteBuffer.allocate(0);

    PayloadWorker(@Nullable AesGcm aes) {
        this.aes = aes;
    }

    /** A cleared little-endian direct buffer of at least {@code capacity} bytes, valid until the next call. */
    ByteBuffer direct(int capacity) {
        if (direct.capacity() < capacity) {
            direct = ByteBuffer.allocateDirect(grow(direct.capacity(), capacity));
        }
        return direct.clear().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A cleared little-endian heap buffer of at least {@code capacity} bytes, valid until the next call. */
    ByteBuffer scratch(int capacity) {
        if (scratch.capacity() < capacity) {
            scratch = ByteBuffer.allocate(grow(scratch.capacity(), capacity));
        }
        return scratch.clear().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Drops buffers too large to keep idle; called when the worker goes back to the pool. */
    void trim() {
        if (direct.capacity() > RETAINED_BUFFER_BYTES) {
            direct = ByteBuffer.allocateDirect(0);
        }
        if (scratch.capacity() > RETAINED_BUFFER_BYTES) {
            scratch = ByteBuffer.allocate(0);
        }
    }

    void end() {
        gzip.end();
    }

    private static int grow(int current, int needed) {
        long doubled = Math.max(needed, 2L * current);
        return (int) Math.min(doubled, Integer.MAX_VALUE - 16);
    }
}
