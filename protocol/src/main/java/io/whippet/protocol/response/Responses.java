package io.whippet.protocol.response;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Helpers shared by the reply records: "X*" lists and whole-payload encoding. */
public final class Responses {
    private Responses() {}

    /** Decodes records back to back until the buffer has no bytes left. */
    public static <T> List<T> decodeList(ByteBuffer in, Function<ByteBuffer, T> decoder) {
        List<T> records = new ArrayList<>();
        while (in.hasRemaining()) {
            records.add(decoder.apply(in));
        }
        return records;
    }

    public static int encodedSize(List<? extends Response> records) {
        int size = 0;
        for (Response record : records) {
            size += record.encodedSize();
        }
        return size;
    }

    /** Writes records back to back, with no count prefix. */
    public static void encodeList(List<? extends Response> records, ByteBuffer out) {
        for (Response record : records) {
            record.encode(out);
        }
    }

    /** A reply payload alone, little-endian, ready to read. */
    public static ByteBuffer encodePayload(Response response) {
        ByteBuffer out = ByteBuffer.allocate(response.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        response.encode(out);
        return out.flip();
    }

    /** A list reply payload, little-endian, ready to read. */
    public static ByteBuffer encodeListPayload(List<? extends Response> records) {
        ByteBuffer out = ByteBuffer.allocate(encodedSize(records)).order(ByteOrder.LITTLE_ENDIAN);
        encodeList(records, out);
        return out.flip();
    }

    static <E extends Enum<E>> E byOrdinal(E[] values, int code, String field) {
        if (code < 0 || code >= values.length) {
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND, field + ": " + code + " (expected: 0.." + (values.length - 1) + ")");
        }
        return values[code];
    }
}
