package io.whippet.server.http;

import java.nio.charset.StandardCharsets;

/**
 * Unsigned 64- and 128-bit integers (message ids, offsets, checksums) as decimal digits written
 * straight into a byte array, without {@link java.math.BigInteger} or a {@code String}: a 128-bit
 * value is four 32-bit limbs divided by 10^9 in turn, nine digits per round. A poll of 1000 messages
 * with server-generated (UUID) ids wrote 1000 BigIntegers once; this is a few dozen divisions each.
 */
final class U128Text {
    /** The most digits a value takes: 2^128 - 1 has 39. */
    static final int MAX_DIGITS = 39;

    private static final long BILLION = 1_000_000_000L;
    private static final long MASK = 0xFFFF_FFFFL;

    private U128Text() {}

    static String of(long low, long high) {
        byte[] text = new byte[MAX_DIGITS];
        return new String(text, 0, write(low, high, text, 0), StandardCharsets.US_ASCII);
    }

    /** Writes the value at {@code at}, which has room for {@link #MAX_DIGITS}; the index after it. */
    static int write(long low, long high, byte[] into, int at) {
        if (high == 0) {
            return writeU64(low, into, at);
        }
        long[] limbs = {high >>> 32, high & MASK, low >>> 32, low & MASK};
        long[] chunks = new long[5]; // 2^128 < 10^39: at most five groups of nine digits
        int count = 0;
        while (limbs[0] != 0 || limbs[1] != 0 || limbs[2] != 0 || limbs[3] != 0) {
            long remainder = 0;
            for (int i = 0; i < 4; i++) {
                // remainder < 10^9 < 2^30, so the dividend stays below 2^62 and signed division is exact.
                long dividend = (remainder << 32) | limbs[i];
                limbs[i] = dividend / BILLION;
                remainder = dividend % BILLION;
            }
            chunks[count++] = remainder;
        }
        int end = digits(chunks[count - 1], into, at);
        for (int i = count - 2; i >= 0; i--) {
            end += 9;
            pairs(chunks[i], into, end, end - 9);
        }
        return end;
    }

    /** Writes unsigned {@code value} at {@code at} (room for 20 digits); the index after it. */
    static int writeU64(long value, byte[] into, int at) {
        if (value >= 0) {
            return digits(value, into, at);
        }
        // Past Long.MAX_VALUE: the leading digits are the unsigned value / 10, then its last digit.
        long quotient = (value >>> 1) / 5;
        int end = digits(quotient, into, at);
        into[end] = (byte) ('0' + (value - quotient * 10));
        return end + 1;
    }

    private static int digits(long value, byte[] into, int at) {
        int length = 1;
        for (long power = 10; length < 19 && value >= power; power *= 10) {
            length++;
        }
        pairs(value, into, at + length, at);
        return at + length;
    }

    /**
     * The digits of {@code value} ending just before {@code end}, zero-padded back to {@code start}:
     * two digits per division by 100, which the JIT turns into a multiplication.
     */
    private static void pairs(long value, byte[] into, int end, int start) {
        int i = end;
        long rest = value;
        while (i - start >= 2) {
            long quotient = rest / 100;
            int pair = (int) (rest - quotient * 100);
            into[--i] = (byte) ('0' + pair % 10);
            into[--i] = (byte) ('0' + pair / 10);
            rest = quotient;
        }
        if (i > start) {
            into[--i] = (byte) ('0' + rest);
        }
    }
}
