package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * XXH3-64 golden values: the published XXH3("", 0) = 2d06800538d394c2, the rest computed with
 * the reference C library (libxxhash 0.8.1, XXH3_64bits).
 */
class MessageChecksumTest {
    @ParameterizedTest
    @CsvSource({
        "'', 2d06800538d394c2",
        "a, e6c632b61e964e1f",
        "abc, 78af5f94892f3950",
        "Nobody inspects the spammish repetition, 6cb00603b5cc47e9",
        "127.0.0.1:54321, 7272a4f242408c98",
    })
    void xxh3MatchesReferenceVectors(String text, String expectedHex) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(MessageChecksum.xxh3(bytes, 0, bytes.length)).isEqualTo(Long.parseUnsignedLong(expectedHex, 16));
    }

    @Test
    void xxh3OfOneKibibyteMatchesReference() {
        byte[] bytes = new byte[1024];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        assertThat(MessageChecksum.xxh3(bytes, 0, bytes.length)).isEqualTo(0xa870f92984398d22L);
    }

    @Test
    void checksumCoversTheMessageFromByteEightToItsEnd() {
        byte[] message = new byte[8 + 3 + 4];
        message[0] = 0x55; // the checksum field itself is not covered
        System.arraycopy("abc".getBytes(StandardCharsets.US_ASCII), 0, message, 12, 3);
        ByteBuffer buffer = ByteBuffer.allocateDirect(message.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(4);
        buffer.put(message);
        long expected = MessageChecksum.xxh3(message, 8, message.length - 8);
        assertThat(MessageChecksum.compute(buffer, 4, message.length)).isEqualTo(expected);
        message[0] = 0x66;
        assertThat(MessageChecksum.xxh3(message, 8, message.length - 8)).isEqualTo(expected);
    }

    @Test
    void aReadOnlyHeapBufferIsHashedLikeItsArray() {
        byte[] message = new byte[1064];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (i * 31);
        }
        ByteBuffer readOnly = ByteBuffer.wrap(message).asReadOnlyBuffer();
        assertThat(MessageChecksum.compute(readOnly, 0, message.length))
                .isEqualTo(MessageChecksum.xxh3(message, 8, message.length - 8));
    }
}
