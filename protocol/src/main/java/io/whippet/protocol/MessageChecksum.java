package io.whippet.protocol;

import java.nio.ByteBuffer;
import net.openhft.hashing.LongHashFunction;

/**
 * The message checksum: XXH3-64 with seed 0 over bytes [8, end) of a message, as Iggy computes it.
 * Works on heap and direct buffers without moving them. Stateless and thread-safe.
 *
 * <p>Hashing a direct buffer in place needs {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}
 * (zero-allocation-hashing reads the buffer's address through {@code sun.nio.ch.DirectBuffer}).
 * Without it, direct buffers are copied through a per-thread scratch array: correct, slower.
 */
public final class MessageChecksum {
    private static final LongHashFunction XXH3 = LongHashFunction.xx3();
    private static final boolean DIRECT_ACCESS = probeDirectAccess();
    private static final int SCRATCH_BYTES = 64 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

    private MessageChecksum() {}

    /** The checksum of the message occupying {@code [position, position + size)} of the buffer. */
    public static long compute(ByteBuffer buffer, int position, int size) {
        int start = position + MessageLayout.CHECKSUM_COVERAGE_START;
        int length = size - MessageLayout.CHECKSUM_COVERAGE_START;
        if (buffer.hasArray()) {
            return XXH3.hashBytes(buffer.array(), buffer.arrayOffset() + start, length);
        }
        if (DIRECT_ACCESS) {
            return XXH3.hashBytes(buffer, start, length);
        }
        byte[] scratch = SCRATCH.get();
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        buffer.get(start, scratch, 0, length);
        return XXH3.hashBytes(scratch, 0, length);
    }

    /** XXH3-64 (seed 0) of a byte range; exposed for tests and tools. */
    public static long xxh3(byte[] bytes, int offset, int length) {
        return XXH3.hashBytes(bytes, offset, length);
    }

    /** Whether direct buffers can be hashed in place (see the class doc). */
    public static boolean hashesDirectBuffersInPlace() {
        return DIRECT_ACCESS;
    }

    private static boolean probeDirectAccess() {
        try {
            XXH3.hashBytes(ByteBuffer.allocateDirect(1), 0, 1);
            return true;
        } catch (IllegalAccessError | RuntimeException e) {
            return false;
        }
    }
}
