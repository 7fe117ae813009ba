package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values: the published XXH32("", 0) = 02cc5d05 and XXH32("abc", 0) = 32d153ff, and the
 * rest computed with the reference C library (libxxhash 0.8.1) through ctypes.
 */
class Xxh32Test {
    @ParameterizedTest
    @CsvSource({
        "'', 02cc5d05",
        "a, 550d7456",
        "abc, 32d153ff",
        "Nobody inspects the spammish repetition, e2293b2f",
        "127.0.0.1:54321, 9df7e1e5",
    })
    void hashWithSeedZeroMatchesReferenceVectors(String text, String expectedHex) {
        assertThat(Xxh32.hash(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(Long.parseLong(expectedHex, 16));
    }

    @ParameterizedTest
    @CsvSource({
        "'', 36b78ae7",
        "a, 9e1633e4",
        "abc, a1ae7709",
        "Nobody inspects the spammish repetition, c9e89e68",
    })
    void hashWithNonZeroSeedMatchesReferenceVectors(String text, String expectedHex) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Xxh32.hash(ByteBuffer.wrap(bytes), 0, bytes.length, 0x9E3779B1))
                .isEqualTo(Long.parseLong(expectedHex, 16));
    }

    @Test
    void hashOfOneKibibyteCoversTheStripeLoop() {
        byte[] bytes = new byte[1024];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        assertThat(Xxh32.hash(bytes)).isEqualTo(0x58654d5aL);
        assertThat(Xxh32.hash(ByteBuffer.wrap(bytes), 0, bytes.length, 0x9E3779B1))
                .isEqualTo(0xf058452bL);
    }

    @Test
    void hashOfARangeIgnoresSurroundingBytesAndByteOrder() {
        byte[] framed = "xxabcyy".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bigEndian = ByteBuffer.wrap(framed).order(ByteOrder.BIG_ENDIAN);
        assertThat(Xxh32.hash(bigEndian, 2, 3, 0)).isEqualTo(0x32d153ffL);
        assertThat(bigEndian.position()).isZero();
    }
}
