package io.whippet.protocol;

import java.nio.ByteBuffer;
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
        int end = start;
        while (end < document.length && document[end] != '"') {
            if (document[end] == '\\') {
                return Optional.empty();
            }
            end++;
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
}
