package io.whippet.it;

import java.nio.charset.StandardCharsets;

/**
 * XXH32 with seed 0, written here from the xxHash specification so the tests check the server's
 * partition choice ({@code XXH32(key) mod partitions}) and client ids ({@code XXH32(address)})
 * against an implementation that is not the server's own. Stateless.
 */
final class Xxh32 {
    private static final int PRIME1 = 0x9E3779B1;
    private static final int PRIME2 = 0x85EBCA77;
    private static final int PRIME3 = 0xC2B2AE3D;
    private static final int PRIME4 = 0x27D4EB2F;
    private static final int PRIME5 = 0x165667B1;

    private Xxh32() {}

    /** The hash as an unsigned 32-bit value. */
    static long hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    static long hash(byte[] input) {
        int length = input.length;
        int position = 0;
        int acc;
        if (length >= 16) {
            // Wrapping 32-bit arithmetic is the algorithm.
            int v1 = (int) (Integer.toUnsignedLong(PRIME1) + Integer.toUnsignedLong(PRIME2));
            int v2 = PRIME2;
            int v3 = 0;
            int v4 = -PRIME1;
            while (position <= length - 16) {
                v1 = round(v1, intLe(input, position));
                v2 = round(v2, intLe(input, position + 4));
                v3 = round(v3, intLe(input, position + 8));
                v4 = round(v4, intLe(input, position + 12));
                position += 16;
            }
            acc = Integer.rotateLeft(v1, 1)
                    + Integer.rotateLeft(v2, 7)
                    + Integer.rotateLeft(v3, 12)
                    + Integer.rotateLeft(v4, 18);
        } else {
            acc = PRIME5;
        }
        acc += length;
        while (position <= length - 4) {
            acc += intLe(input, position) * PRIME3;
            acc = Integer.rotateLeft(acc, 17) * PRIME4;
            position += 4;
        }
        while (position < length) {
            acc += (input[position] & 0xFF) * PRIME5;
            acc = Integer.rotateLeft(acc, 11) * PRIME1;
            position++;
        }
        acc ^= acc >>> 15;
        acc *= PRIME2;
        acc ^= acc >>> 13;
        acc *= PRIME3;
        acc ^= acc >>> 16;
        return Integer.toUnsignedLong(acc);
    }

    private static int round(int acc, int lane) {
        return Integer.rotateLeft(acc + lane * PRIME2, 13) * PRIME1;
    }

    private static int intLe(byte[] bytes, int at) {
        return (bytes[at] & 0xFF)
                | (bytes[at + 1] & 0xFF) << 8
                | (bytes[at + 2] & 0xFF) << 16
                | (bytes[at + 3] & 0xFF) << 24;
    }
}
