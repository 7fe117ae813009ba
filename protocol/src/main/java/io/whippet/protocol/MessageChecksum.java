package io.whippet.protocol;

import java.nio.ByteBuffer;
import net.openhft.hashing.LongHashFunction;

/**
 * The message checksum: XXH3-64 with seed 0 over bytes [8, end) of a message, as Iggy computes it.
 * Works on heap and direct buffers without copying.
 */
public final class MessageChecksum {
    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private MessageChecksum() {}

    /** The checksum of the message occupying {@code [position, position + size)} of the buffer. */
    public static long compute(ByteBuffer buffer, int position, int size) {
        return XXH3.hashBytes(
                buffer, position + MessageLayout.CHECKSUM_COVERAGE_START, size - MessageLayout.CHECKSUM_COVERAGE_START);
    }

    /** XXH3-64 (seed 0) of a byte range; exposed for tests and tools. */
    public static long xxh3(byte[] bytes, int offset, int length) {
        return XXH3.hashBytes(bytes, offset, length);
    }
}
