package io.whippet.protocol;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import net.openhft.hashing.LongHashFunction;

/**
 * The message checksum: XXH3-64 with seed 0 over bytes [8, end) of a message, as Iggy computes it.
 * Works on heap and direct buffers in place, without copying or allocating per message. Stateless
 * and thread-safe.
 *
 * <p>A direct buffer is hashed from raw memory at an address obtained through the FFM API once per
 * buffer ({@link #baseAddress}): the hashing library's own direct-buffer path casts to
 * {@code sun.nio.ch.DirectBuffer}, which fails on JDK 25 without {@code --add-exports}.
 */
public final class MessageChecksum {
    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

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
            return XXH3.hashBytes(buffer.array(), buffer.arrayOffset() + start, length);
        }
        // A read-only heap buffer: no array access, so the library reads through the buffer API.
        return XXH3.hashBytes(buffer, start, length);
    }

    /** XXH3-64 (seed 0) of a byte range; exposed for tests and tools. */
    public static long xxh3(byte[] bytes, int offset, int length) {
        return XXH3.hashBytes(bytes, offset, length);
    }
}
