package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XXH32, the 32-bit xxHash. Iggy uses it with seed 0 for client ids (hash of the peer address
 * text) and for messages-key partitioning ({@code XXH32(key) mod partitions_count}).
 * Stateless and thread-safe.
 */
public final class Xxh32 {
    private static final int PRIME1 = 0x9E3779B1;
    private static final int PRIME2 = 0x85EBCA77;
    private static final int PRIME3 = 0xC2B2AE3D;
    private static final int PRIME4 = 0x27D4EB2F;
    private static final int PRIME5 = 0x165667B1;

    private Xxh32() {}

    /** XXH32 of all the bytes with seed 0, as an unsigned value. */
    public static long hash(byte[] bytes) {
        return hash(ByteBuffer.wrap(bytes), 0, bytes.length, 0);
    }

    /** XXH32 of {@code [offset, offset + length)} of the buffer (position and order untouched). */
    public static long hash(ByteBuffer buffer, int offset, int length, int seed) {
        ByteBuffer in = buffer.order() == ByteOrder.LITTLE_ENDIAN
                ? buffer
                : buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int end = offset + length;
        int p = offset;
        int h;
        if (length >= 16) {
            int v1 = seed + PRIME1 + PRIME2;
            int v2 = seed + PRIME2;
            int v3 = seed;
            int v4 = seed - PRIME1;
            int limit = end - 16;
            while (p <= limit) {
                v1 = round(v1, in.getInt(p));
                v2 = round(v2, in.getInt(p + 4));
                v3 = round(v3, in.getInt(p + 8));
                v4 = round(v4, in.getInt(p + 12));
                p += 16;
            }
            h = Integer.rotateLeft(v1, 1)
                    + Integer.rotateLeft(v2, 7)
                    + Integer.rotateLeft(v3, 12)
                    + Integer.rotateLeft(v4, 18);
        } else {
            h = seed + PRIME5;
        }
        h += length;
        while (p + 4 <= end) {
            h += in.getInt(p) * PRIME3;
            h = Integer.rotateLeft(h, 17) * PRIME4;
            p += 4;
        }
        while (p < end) {
            h += (in.get(p) & 0xFF) * PRIME5;
            h = Integer.rotateLeft(h, 11) * PRIME1;
            p++;
        }
        h ^= h >>> 15;
        h *= PRIME2;
        h ^= h >>> 13;
        h *= PRIME3;
        h ^= h >>> 16;
        return Integer.toUnsignedLong(h);
    }

    private static int round(int acc, int lane) {
        return Integer.rotateLeft(acc + lane * PRIME2, 13) * PRIME1;
    }
}
