package io.whippet.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes a base64 JSON string straight from the bytes of the document it sits in, through the
 * JDK's vectorised decoder: base64 needs no unescaping, so the bytes between the quotes are the
 * text and no {@code String} is built. Both HTTP ends use it for message payloads, where a batch
 * is a megabyte of base64.
 *
 * <pre>
 * document: ... "payload": "SGVsbG8=" ...
 *                          ^ quoteOffset (the byte offset a JSON parser reports for the token)
 * </pre>
 */
public final class QuotedBase64 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    private QuotedBase64() {}

    /**
     * The decoded bytes of the string whose opening quote is at {@code quoteOffset}; empty when
     * there is no quote there or the string has escapes (the caller then reads it the slow way).
     *
     * @throws IllegalArgumentException when the text is not base64 (standard alphabet, padding optional)
     */
    public static Optional<byte[]> decode(byte[] document, long quoteOffset) {
        if (quoteOffset < 0 || quoteOffset >= document.length || document[(int) quoteOffset] != '"') {
            return Optional.empty();
        }
        int start = (int) quoteOffset + 1;
        int end = closingQuote(document, start);
        if (end < 0) {
            return Optional.empty();
        }
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(document, start, end - start));
        byte[] array = decoded.array();
        if (decoded.remaining() == array.length) {
            return Optional.of(array);
        }
        byte[] exact = new byte[decoded.remaining()];
        decoded.get(exact);
        return Optional.of(exact);
    }

    /**
     * The index of the first {@code "} from {@code from}, or -1 when a backslash comes first or
     * there is none. Looks at eight bytes a step (the classic "has a zero byte" word trick): the
     * byte-at-a-time loop was the largest single cost of parsing a send batch and a poll reply.
     */
    static int closingQuote(byte[] document, int from) {
        int i = from;
        for (; i + Long.BYTES <= document.length; i += Long.BYTES) {
            long word = (long) LONGS.get(document, i);
            long quotes = zeroBytes(word ^ QUOTES);
            long backslashes = zeroBytes(word ^ BACKSLASHES);
            if ((quotes | backslashes) != 0) {
                // The lowest flagged byte is exact (false flags only sit above a true one).
                int quote = quotes == 0 ? Long.SIZE : Long.numberOfTrailingZeros(quotes);
                int backslash = backslashes == 0 ? Long.SIZE : Long.numberOfTrailingZeros(backslashes);
                return quote < backslash ? i + (quote >>> 3) : -1;
            }
        }
        for (; i < document.length; i++) {
            if (document[i] == '"') {
                return i;
            }
            if (document[i] == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** A word with the high bit set in (at least) the lowest byte of {@code word} that is zero. */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGHS;
    }
}
