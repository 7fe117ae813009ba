package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vector XXH3 against the library's, bit for bit: every length 0..4096 and random lengths up
 * to 2 MiB at random offsets, in heap arrays and direct memory. The random seed is printed and
 * is in every failure message. Skipped where the vector one cannot run (no {@code --add-modules
 * jdk.incubator.vector}, as surefire passes, or no AVX-512).
 */
class Xxh3Test {
    private static final int MAX_RANDOM_LENGTH = 2 << 20;

    private Xxh3 vector;

    @BeforeEach
    void vectorOnly() {
        assumeTrue(Xxh3.vectorAvailable(), "the vector XXH3 cannot run on this JVM/CPU");
        vector = Xxh3.vector();
    }

    @ParameterizedTest
    @CsvSource({
        "0, 2d06800538d394c2",
        "3, 78af5f94892f3950",
        "1024, a870f92984398d22",
    })
    void vectorMatchesReferenceVectors(int length, String expectedHex) {
        byte[] bytes = length == 3 ? "abc".getBytes(StandardCharsets.US_ASCII) : counting(length);
        assertThat(vector.hash(bytes, 0, bytes.length)).isEqualTo(Long.parseUnsignedLong(expectedHex, 16));
    }

    @Test
    void everyLengthUpToFourKibibytesMatchesTheLibrary() {
        long seed = System.nanoTime();
        System.out.println("Xxh3Test seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[4096 + 64];
        random.nextBytes(bytes);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).clear();
        long address = MemorySegment.ofBuffer(direct).address();
        // Several sweeps, so the later ones compare the JIT-compiled vector code, not the interpreter.
        for (int sweep = 0; sweep < 12; sweep++) {
            sweepLengths(bytes, address, random, "seed " + seed + ", sweep " + sweep);
        }
    }

    private void sweepLengths(byte[] bytes, long address, SplittableRandom random, String run) {
        for (int length = 0; length <= 4096; length++) {
            int offset = random.nextInt(64);
            long expected = Xxh3.library().hash(bytes, offset, length);
            String where = run + ", offset " + offset + ", length " + length;
            assertThat(vector.hash(bytes, offset, length)).as("heap, " + where).isEqualTo(expected);
            assertThat(vector.hashMemory(address + offset, length))
                    .as("direct, " + where)
                    .isEqualTo(expected);
        }
    }

    @Test
    void randomLengthsUpToTwoMebibytesMatchTheLibrary() {
        long seed = System.nanoTime();
        System.out.println("Xxh3Test seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[MAX_RANDOM_LENGTH + 64];
        random.nextBytes(bytes);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).clear();
        long address = MemorySegment.ofBuffer(direct).address();
        for (int i = 0; i < 40; i++) {
            int offset = random.nextInt(64);
            int length = random.nextInt(MAX_RANDOM_LENGTH + 1);
            long expected = Xxh3.library().hash(bytes, offset, length);
            String where = "seed " + seed + ", offset " + offset + ", length " + length;
            assertThat(vector.hash(bytes, offset, length)).as("heap, " + where).isEqualTo(expected);
            assertThat(vector.hashMemory(address + offset, length))
                    .as("direct, " + where)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aReadOnlyHeapBufferHashesAsItsArray() {
        byte[] bytes = counting(1500);
        ByteBuffer readOnly = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        assertThat(vector.hash(readOnly, 7, 1400)).isEqualTo(Xxh3.library().hash(bytes, 7, 1400));
    }

    @Test
    void messageChecksumsUseTheVectorHashWhenItCanRun() {
        assertThat(Xxh3.fastest()).isSameAs(vector);
    }

    @Test
    void anOutOfRangeArraySliceIsRejected() {
        byte[] bytes = new byte[300];
        assertThatThrownBy(() -> vector.hash(bytes, 10, 300)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
