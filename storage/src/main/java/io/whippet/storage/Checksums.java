package io.whippet.storage;

import io.whippet.protocol.MessageLayout;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import net.openhft.hashing.LongHashFunction;

/**
 * The message checksum (XXH3-64, seed 0, over bytes [8, end) of a message) for heap and direct
 * buffers, without copying and without allocating per message.
 *
 * <p>Why not {@code MessageChecksum.compute}: for a direct buffer the hashing library casts to
 * {@code sun.nio.ch.DirectBuffer}, which fails unless the JVM runs with {@code --add-exports
 * java.base/sun.nio.ch=ALL-UNNAMED}. Here a direct buffer's address comes from the FFM API instead,
 * once per buffer, and each message is hashed from raw memory.
 */
final class Checksums {
    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private Checksums() {}

    /**
     * The address of index 0 of a direct buffer, for {@link #compute(ByteBuffer, long, int, int)}; 0 for
     * a heap buffer.
     */
    static long baseAddress(ByteBuffer buffer) {
        if (!buffer.isDirect()) {
            return 0;
        }
        return MemorySegment.ofBuffer(buffer).address() - buffer.position();
    }

    /** The checksum of the message at {@code [at, at + size)}; {@code address} from {@link #baseAddress}. */
    static long compute(ByteBuffer buffer, long address, int at, int size) {
        int start = at + MessageLayout.CHECKSUM_COVERAGE_START;
        int length = size - MessageLayout.CHECKSUM_COVERAGE_START;
        if (address != 0) {
            return XXH3.hashMemory(address + start, length);
        }
        if (buffer.hasArray()) {
            return XXH3.hashBytes(buffer.array(), buffer.arrayOffset() + start, length);
        }
        // A read-only heap buffer: no array access; the library reads it through the buffer API.
        return XXH3.hashBytes(buffer, start, length);
    }

    static long compute(ByteBuffer buffer, int at, int size) {
        return compute(buffer, baseAddress(buffer), at, size);
    }
}
