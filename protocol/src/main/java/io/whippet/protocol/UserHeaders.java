package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user-headers blob of a message: key/value pairs back to back, to the end of the blob.
 *
 * <pre>[key kind:1][key len:u32][key][value kind:1][value len:u32][value]  ...repeated</pre>
 *
 * Lengths are 1..255 (a bad key length is error 4018, a bad value length 4019); kind 0 or above
 * 15 and truncation are error 3. Decoding keeps wire order and a repeated key keeps its last
 * value.
 */
public final class UserHeaders {
    private UserHeaders() {}

    /** Decodes the whole remaining content of {@code blob}. */
    public static Map<HeaderValue, HeaderValue> decode(ByteBuffer blob) {
        Map<HeaderValue, HeaderValue> headers = new LinkedHashMap<>();
        while (blob.hasRemaining()) {
            HeaderValue key = entry(blob, "header key", ErrorCode.INVALID_HEADER_KEY);
            HeaderValue value = entry(blob, "header value", ErrorCode.INVALID_HEADER_VALUE);
            headers.put(key, value);
        }
        return headers;
    }

    public static int encodedSize(Map<HeaderValue, HeaderValue> headers) {
        int size = 0;
        for (Map.Entry<HeaderValue, HeaderValue> entry : headers.entrySet()) {
            size += 10 + entry.getKey().length() + entry.getValue().length();
        }
        return size;
    }

    public static void encode(Map<HeaderValue, HeaderValue> headers, ByteBuffer out) {
        for (Map.Entry<HeaderValue, HeaderValue> entry : headers.entrySet()) {
            put(entry.getKey(), out);
            put(entry.getValue(), out);
        }
    }

    public static byte[] encode(Map<HeaderValue, HeaderValue> headers) {
        ByteBuffer out = ByteBuffer.allocate(encodedSize(headers)).order(ByteOrder.LITTLE_ENDIAN);
        encode(headers, out);
        return out.array();
    }

    private static HeaderValue entry(ByteBuffer in, String field, ErrorCode badLength) {
        HeaderKind kind = HeaderKind.fromCode(Wire.u8(in, field + " kind"));
        long length = Wire.u32(in, field + " length");
        if (length < 1 || length > HeaderValue.MAX_LENGTH) {
            throw new WhippetException(badLength, field + " length: " + length + " (expected: 1..255)");
        }
        if (kind.widthBytes() > 0 && length != kind.widthBytes()) {
            throw new WhippetException(
                    badLength, field + " " + kind + " length: " + length + " (expected: " + kind.widthBytes() + ")");
        }
        return new HeaderValue(kind, Wire.bytes(in, (int) length, field));
    }

    private static void put(HeaderValue entry, ByteBuffer out) {
        out.put((byte) entry.kind().code()).putInt(entry.length()).put(entry.value());
    }
}
