package io.whippet.protocol;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * XXH3-64 (seed 0, default secret) whose long-input loop runs on one 512-bit vector holding the
 * eight 64-bit accumulators, as xxHash's own AVX-512 path does. Inputs of up to 240 bytes, which
 * XXH3 hashes with short scalar formulas, go to the library; a message checksum (about 1 KiB) is
 * always long.
 *
 * <p>Long input (XXH3_hashLong_64b): the input is cut into 64-byte stripes, 16 stripes to a
 * 1024-byte block; stripe {@code s} of a block uses the secret at {@code 8 * s}.
 *
 * <pre>
 *   per stripe, per lane i:  d = u64 at input[8i]   k = d ^ secret[8s + 8i]
 *                            acc[i ^ 1] += d       acc[i] += (k & 0xFFFFFFFF) * (k >>> 32)
 *   after each full block:   acc = (acc ^ (acc >>> 47) ^ secret[128..192)) * PRIME32_1
 *   tail: the remaining whole stripes of the last (partial) block, then always the last 64 bytes
 *         of the input with the secret at 121; merge: 4 x fold64(acc[2j] ^ s, acc[2j+1] ^ s')
 *         with the secret at 11, plus length * PRIME64_1, then avalanche.
 * </pre>
 *
 * <p>{@code (k & 0xFFFFFFFF) * (k >>> 32)} is written so C2 emits one {@code vpmuludq} per stripe.
 * Loaded only when the {@code jdk.incubator.vector} module is present ({@link Xxh3#vectorAvailable}).
 */
final class VectorXxh3 implements Xxh3 {
    static final VectorXxh3 INSTANCE = new VectorXxh3();

    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_512;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_512;
    /** Lane i takes lane i ^ 1: the "swapped add" of the data words. */
    private static final VectorShuffle<Long> SWAP_PAIRS = VectorShuffle.fromValues(SPECIES, 1, 0, 3, 2, 5, 4, 7, 6);
    /** All of memory, so a direct buffer's address can be read as a segment offset. */
    private static final MemorySegment ALL_MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private static final int SHORT_INPUT_MAX_BYTES = 240;
    private static final int STRIPE_BYTES = 64;
    private static final int STRIPES_PER_BLOCK = 16;
    private static final int BLOCK_BYTES = STRIPE_BYTES * STRIPES_PER_BLOCK;
    private static final long LOW_32_BITS = 0xFFFFFFFFL;

    private static final long PRIME32_1 = 0x9E3779B1L;
    private static final long PRIME32_2 = 0x85EBCA77L;
    private static final long PRIME32_3 = 0xC2B2AE3DL;
    private static final long PRIME64_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME64_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME64_3 = 0x165667B19E3779F9L;
    private static final long PRIME64_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME64_5 = 0x27D4EB2F165667C5L;
    private static final long[] INITIAL_ACCUMULATORS = {
        PRIME32_3, PRIME64_1, PRIME64_2, PRIME64_3, PRIME64_4, PRIME32_2, PRIME64_5, PRIME32_1
    };

    /** xxHash's kSecret. */
    private static final byte[] SECRET = {
        (byte) 0xb8, (byte) 0xfe, (byte) 0x6c, (byte) 0x39, (byte) 0x23, (byte) 0xa4, (byte) 0x4b, (byte) 0xbe,
        (byte) 0x7c, (byte) 0x01, (byte) 0x81, (byte) 0x2c, (byte) 0xf7, (byte) 0x21, (byte) 0xad, (byte) 0x1c,
        (byte) 0xde, (byte) 0xd4, (byte) 0x6d, (byte) 0xe9, (byte) 0x83, (byte) 0x90, (byte) 0x97, (byte) 0xdb,
        (byte) 0x72, (byte) 0x40, (byte) 0xa4, (byte) 0xa4, (byte) 0xb7, (byte) 0xb3, (byte) 0x67, (byte) 0x1f,
        (byte) 0xcb, (byte) 0x79, (byte) 0xe6, (byte) 0x4e, (byte) 0xcc, (byte) 0xc0, (byte) 0xe5, (byte) 0x78,
        (byte) 0x82, (byte) 0x5a, (byte) 0xd0, (byte) 0x7d, (byte) 0xcc, (byte) 0xff, (byte) 0x72, (byte) 0x21,
        (byte) 0xb8, (byte) 0x08, (byte) 0x46, (byte) 0x74, (byte) 0xf7, (byte) 0x43, (byte) 0x24, (byte) 0x8e,
        (byte) 0xe0, (byte) 0x35, (byte) 0x90, (byte) 0xe6, (byte) 0x81, (byte) 0x3a, (byte) 0x26, (byte) 0x4c,
        (byte) 0x3c, (byte) 0x28, (byte) 0x52, (byte) 0xbb, (byte) 0x91, (byte) 0xc3, (byte) 0x00, (byte) 0xcb,
        (byte) 0x88, (byte) 0xd0, (byte) 0x65, (byte) 0x8b, (byte) 0x1b, (byte) 0x53, (byte) 0x2e, (byte) 0xa3,
        (byte) 0x71, (byte) 0x64, (byte) 0x48, (byte) 0x97, (byte) 0xa2, (byte) 0x0d, (byte) 0xf9, (byte) 0x4e,
        (byte) 0x38, (byte) 0x19, (byte) 0xef, (byte) 0x46, (byte) 0xa9, (byte) 0xde, (byte) 0xac, (byte) 0xd8,
        (byte) 0xa8, (byte) 0xfa, (byte) 0x76, (byte) 0x3f, (byte) 0xe3, (byte) 0x9c, (byte) 0x34, (byte) 0x3f,
        (byte) 0xf9, (byte) 0xdc, (byte) 0xbb, (byte) 0xc7, (byte) 0xc7, (byte) 0x0b, (byte) 0x4f, (byte) 0x1d,
        (byte) 0x8a, (byte) 0x51, (byte) 0xe0, (byte) 0x4b, (byte) 0xcd, (byte) 0xb4, (byte) 0x59, (byte) 0x31,
        (byte) 0xc8, (byte) 0x9f, (byte) 0x7e, (byte) 0xc9, (byte) 0xd9, (byte) 0x78, (byte) 0x73, (byte) 0x64,
        (byte) 0xea, (byte) 0xc5, (byte) 0xac, (byte) 0x83, (byte) 0x34, (byte) 0xd3, (byte) 0xeb, (byte) 0xc3,
        (byte) 0xc5, (byte) 0x81, (byte) 0xa0, (byte) 0xff, (byte) 0xfa, (byte) 0x13, (byte) 0x63, (byte) 0xeb,
        (byte) 0x17, (byte) 0x0d, (byte) 0xdd, (byte) 0x51, (byte) 0xb7, (byte) 0xf0, (byte) 0xda, (byte) 0x49,
        (byte) 0xd3, (byte) 0x16, (byte) 0x55, (byte) 0x26, (byte) 0x29, (byte) 0xd4, (byte) 0x68, (byte) 0x9e,
        (byte) 0x2b, (byte) 0x16, (byte) 0xbe, (byte) 0x58, (byte) 0x7d, (byte) 0x47, (byte) 0xa1, (byte) 0xfc,
        (byte) 0x8f, (byte) 0xf8, (byte) 0xb8, (byte) 0xd1, (byte) 0x7a, (byte) 0xd0, (byte) 0x31, (byte) 0xce,
        (byte) 0x45, (byte) 0xcb, (byte) 0x3a, (byte) 0x8f, (byte) 0x95, (byte) 0x16, (byte) 0x04, (byte) 0x28,
        (byte) 0xaf, (byte) 0xd7, (byte) 0xfb, (byte) 0xca, (byte) 0xbb, (byte) 0x4b, (byte) 0x40, (byte) 0x7e,
    };

    /** The secret as little-endian words: stripe s of a block uses words [s, s + 8). */
    private static final long[] STRIPE_KEYS = secretWords(0, STRIPES_PER_BLOCK + 8);
    /** Words [16, 24): the scramble key, the secret's last 64 bytes. */
    private static final int SCRAMBLE_KEY_WORD = SECRET.length / 8 - 8;
    /** The last stripe's key: the secret at 192 - 64 - 7, not word-aligned. */
    private static final long[] LAST_STRIPE_KEY = secretWords(SECRET.length - STRIPE_BYTES - 7, 8);
    /** The merge keys: the secret at 11. */
    private static final long[] MERGE_KEY = secretWords(11, 8);

    private VectorXxh3() {}

    /** Whether the preferred long vector is 512 bits: below that this loses to the library. */
    static boolean supported() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= SPECIES.vectorBitSize();
    }

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        if (length <= SHORT_INPUT_MAX_BYTES) {
            return LibraryXxh3.INSTANCE.hash(bytes, offset, length);
        }
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return hashLong(bytes, offset, length);
    }

    @Override
    public long hashMemory(long address, int length) {
        if (length <= SHORT_INPUT_MAX_BYTES) {
            return LibraryXxh3.INSTANCE.hashMemory(address, length);
        }
        return hashLong(null, address, length);
    }

    /** The long-input hash of an array range, or of memory at {@code offset} when there is no array. */
    private static long hashLong(byte @Nullable [] input, long offset, int length) {
        LongVector acc = LongVector.fromArray(SPECIES, INITIAL_ACCUMULATORS, 0);
        int blocks = (length - 1) / BLOCK_BYTES;
        long block = offset;
        for (int b = 0; b < blocks; b++, block += BLOCK_BYTES) {
            for (int s = 0; s < STRIPES_PER_BLOCK; s++) {
                acc = accumulate(acc, input, block + (long) s * STRIPE_BYTES, STRIPE_KEYS, s);
            }
            acc = scramble(acc);
        }
        int stripes = ((length - 1) - BLOCK_BYTES * blocks) / STRIPE_BYTES;
        for (int s = 0; s < stripes; s++) {
            acc = accumulate(acc, input, block + (long) s * STRIPE_BYTES, STRIPE_KEYS, s);
        }
        acc = accumulate(acc, input, offset + length - STRIPE_BYTES, LAST_STRIPE_KEY, 0);
        return merge(acc, length);
    }

    private static LongVector accumulate(LongVector acc, byte @Nullable [] input, long at, long[] keys, int keyWord) {
        LongVector data = load(input, at);
        LongVector keyed = data.lanewise(VectorOperators.XOR, LongVector.fromArray(SPECIES, keys, keyWord));
        LongVector product = keyed.and(LOW_32_BITS).mul(keyed.lanewise(VectorOperators.LSHR, 32));
        return acc.add(data.rearrange(SWAP_PAIRS)).add(product);
    }

    /**
     * Eight little-endian words. An array is read as bytes reinterpreted in native (little-endian)
     * order: C2 compiles a heap {@code MemorySegment} vector load much worse (measured 8x slower).
     */
    private static LongVector load(byte @Nullable [] input, long at) {
        if (input != null) {
            return ByteVector.fromArray(BYTES, input, (int) at).reinterpretAsLongs();
        }
        return LongVector.fromMemorySegment(SPECIES, ALL_MEMORY, at, ByteOrder.LITTLE_ENDIAN);
    }

    private static LongVector scramble(LongVector acc) {
        return acc.lanewise(VectorOperators.XOR, acc.lanewise(VectorOperators.LSHR, 47))
                .lanewise(VectorOperators.XOR, LongVector.fromArray(SPECIES, STRIPE_KEYS, SCRAMBLE_KEY_WORD))
                .mul(PRIME32_1);
    }

    private static long merge(LongVector acc, int length) {
        // Constant lane indices, each one extract; intoArray into a scratch array allocated 80
        // bytes per hash instead (measured with -prof gc).
        LongVector keyed = acc.lanewise(VectorOperators.XOR, LongVector.fromArray(SPECIES, MERGE_KEY, 0));
        long result = length * PRIME64_1
                + fold64(keyed.lane(0), keyed.lane(1))
                + fold64(keyed.lane(2), keyed.lane(3))
                + fold64(keyed.lane(4), keyed.lane(5))
                + fold64(keyed.lane(6), keyed.lane(7));
        result ^= result >>> 37;
        result *= 0x165667919E3779F9L;
        return result ^ (result >>> 32);
    }

    /** The 128-bit product of two words, its halves xor-ed. */
    private static long fold64(long a, long b) {
        return (a * b) ^ Math.unsignedMultiplyHigh(a, b);
    }

    private static long[] secretWords(int fromByte, int count) {
        ByteBuffer secret = ByteBuffer.wrap(SECRET).order(ByteOrder.LITTLE_ENDIAN);
        long[] words = new long[count];
        for (int i = 0; i < count; i++) {
            words[i] = secret.getLong(fromByte + 8 * i);
        }
        return words;
    }
}
