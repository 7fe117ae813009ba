package io.whippet.server.http;

/**
 * An unsigned 128-bit integer (message ids) as decimal text without {@link java.math.BigInteger}:
 * four 32-bit limbs divided by 10^9 in turn, nine digits per round. A poll of 1000 messages with
 * server-generated (UUID) ids wrote 1000 BigIntegers before; this is a few dozen divisions each.
 */
final class U128Text {
    private static final long BILLION = 1_000_000_000L;
    private static final long MASK = 0xFFFF_FFFFL;

    private U128Text() {}

    static String of(long low, long high) {
        if (high == 0) {
            return Long.toUnsignedString(low);
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
        var text = new StringBuilder(39).append(chunks[count - 1]);
        for (int i = count - 2; i >= 0; i--) {
            String digits = Long.toString(chunks[i]);
            text.repeat('0', 9 - digits.length()).append(digits);
        }
        return text.toString();
    }
}
