package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes a base64 JSON string straight from the bytes of the document it sits in, through the
 * JDK's vectorised decoder: base64 needs no unescaping, so the bytes between the quotes are the
 * text and no {@code String} is built. Both HTTP ends use it for message payloads, where a batch
 * is a megabyte of base64. The parser skips the string (one pass) and says where the next token
 * starts; the closing quote is found from there backwards, so the string is not searched a second
 * time (that search cost as much as Jackson's skip).
 */
public final class QuotedBase64 {
    private QuotedBase64() {}

    /**
     * The decoded bytes of the string whose opening quote is at {@code quoteOffset}, which the JSON
     * parser has already skipped: its closing quote is
     * the last byte before {@code nextTokenOffset} (where the parser found the next token) that is
     * not whitespace or a comma, so the string is not scanned a second time. Empty when the text
     * has escapes or the bytes do not look like that.
     *
     * <pre>
     * ... "payload": "SGVsbG8=" , "id": 5 ...
     *                ^ quoteOffset  ^ nextTokenOffset
     * </pre>
     *
     * @throws IllegalArgumentException when the text is not base64 (standard alphabet, padding optional)
     */
    public static Optional<byte[]> decodeBefore(byte[] document, long quoteOffset, long nextTokenOffset) {
        if (quoteOffset < 0
                || quoteOffset >= nextTokenOffset
                || nextTokenOffset > document.length
                || document[(int) quoteOffset] != '"') {
            return Optional.empty();
        }
        int end = (int) nextTokenOffset - 1;
        while (end > quoteOffset && isSeparator(document[end])) {
            end--;
        }
        if (end <= quoteOffset || document[end] != '"') {
            return Optional.empty();
        }
        int start = (int) quoteOffset + 1;
        try {
            return Optional.of(decode(document, start, end));
        } catch (IllegalArgumentException e) {
            for (int i = start; i < end; i++) {
                if (document[i] == '\\') {
                    return Optional.empty(); // escaped: the caller reads the string the slow way
                }
            }
            throw e;
        }
    }

    private static byte[] decode(byte[] document, int start, int end) {
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(document, start, end - start));
        byte[] array = decoded.array();
        if (decoded.remaining() == array.length) {
            return array;
        }
        byte[] exact = new byte[decoded.remaining()];
        decoded.get(exact);
        return exact;
    }

    private static boolean isSeparator(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ',';
    }
}
