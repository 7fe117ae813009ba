package io.whippet.protocol;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The message checksum: XXH3-64 with seed 0 over bytes [8, end) of a message, as Iggy computes it.
 * Works on heap and direct buffers in place, without copying or allocating per message. Stateless
 * and thread-safe.
 *
 * <p>A direct buffer is hashed from raw memory at an address obtained through the FFM API once per
 * buffer ({@link #baseAddress}): the hashing library's own direct-buffer path casts to
 * {@code sun.nio.ch.DirectBuffer}, which fails on JDK 25 without {@code --add-exports}.
 *
 * <p>The hashing is {@link Xxh3#fastest()}: vectorised when the JVM runs with {@code --add-modules
 * jdk.incubator.vector} on an AVX-512 CPU, the scalar library otherwise (same results).
 */
public final class MessageChecksum {
    /** A constant, so the JIT devirtualises every call. */
    private static final Xxh3 XXH3 = Xxh3.fastest();

    private MessageChecksum() {}

    /** The checksum of the message occupying {@code [position, position + size)} of the buffer. */
    public static long compute(ByteBuffer buffer, int position, int size) {
        return compute(buffer, baseAddress(buffer), position, size);
    }

    /**
     * The address of index 0 of a direct buffer, to hash many messages of one buffer with
     * {@link #compute(ByteBuffer, long, int, int)}; 0 for a heap buffer.
     */
    public static long baseAddress(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            return 0;
        }
        return MemorySegment.ofBuffer(buffer).address() - buffer.position();
    }

    /** As {@link #compute(ByteBuffer, int, int)}, with {@code address} from {@link #baseAddress}. */
    public static long compute(ByteBuffer buffer, long address, int position, int size) {
        int start = position + MessageLayout.CHECKSUM_COVERAGE_START;
        int length = size - MessageLayout.CHECKSUM_COVERAGE_START;
        if (address != 0) {
            return XXH3.hashMemory(address + start, length);
        }
        if (buffer.hasArray()) {
            return XXH3.hash(buffer.array(), buffer.arrayOffset() + start, length);
        }
        // A read-only heap buffer: no array access, so the range is copied (rare, not a hot path).
        return XXH3.hash(buffer, start, length);
    }

    /** XXH3-64 (seed 0) of a byte range; exposed for tests and tools. */
    public static long xxh3(byte[] bytes, int offset, int length) {
        return XXH3.hash(bytes, offset, length);
    }
}
