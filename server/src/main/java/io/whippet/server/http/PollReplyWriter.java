package io.whippet.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.UserHeaders;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a poll reply (http-api.md 4.9) as compact JSON bytes by hand: the shape is fixed and
 * every value is a number or base64, so a generator only added cost. Through Jackson, a 1000 ×
 * 1 KB reply spent most of its time rendering the eight u64/u128 header fields of each message
 * (digits into a temporary, then copied; u128 ids through a {@code String}); here digits go straight
 * into the one output array ({@link U128Text}) and payloads are base64-encoded by the JDK's vectorised encoder into a
 * reused scratch array, so a reply allocates its output and nothing per message. The bytes are
 * exactly what Jackson's compact generator wrote:
 *
 * <pre>
 * {"partition_id":1,"current_offset":999,"count":2,"messages":[
 *   {"header":{"checksum":u64,"id":u128,"offset":u64,"timestamp":u64,"origin_timestamp":u64,
 *              "user_headers_length":u32,"payload_length":u32,"reserved":u64},
 *    "payload":"base64","user_headers":[{"key":{"kind":"string","value":"base64"},"value":{...}}]},
 *   ...]}                                    (one line, no spaces; user_headers may be one base64 string)
 * </pre>
 *
 * One writer renders one reply on one thread.
 */
final class PollReplyWriter {
    private static final byte[] CHECKSUM = ascii("{\"header\":{\"checksum\":");
    private static final byte[] ID = ascii(",\"id\":");
    private static final byte[] OFFSET = ascii(",\"offset\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] ORIGIN_TIMESTAMP = ascii(",\"origin_timestamp\":");
    private static final byte[] USER_HEADERS_LENGTH = ascii(",\"user_headers_length\":");
    private static final byte[] PAYLOAD_LENGTH = ascii(",\"payload_length\":");
    private static final byte[] RESERVED = ascii(",\"reserved\":");
    private static final byte[] PAYLOAD = ascii("},\"payload\":\"");
    private static final byte[] USER_HEADERS = ascii("\",\"user_headers\":");
    private static final byte[] EMPTY_LIST = ascii("[]");
    private static final byte[] KEY_KIND = ascii("{\"key\":{\"kind\":\"");
    private static final byte[] VALUE_KIND = ascii("},\"value\":{\"kind\":\"");
    private static final byte[] KIND_VALUE = ascii("\",\"value\":\"");
    /** Bytes of a message's JSON besides payload and headers: the fixed text and the widest numbers. */
    private static final int MESSAGE_TEXT_BYTES = 400;

    private byte[] out;
    private int position;
    private byte[] plain = new byte[0];
    private byte[] encoded = new byte[0];

    private PollReplyWriter(int capacity) {
        out = new byte[capacity];
    }

    /** The reply for the 16-byte poll header fields and the stored messages. */
    static ByteBuf render(long partitionId, long currentOffset, long count, ByteBuffer messages) {
        ByteBuffer in = messages.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        // Sized for the usual reply so it rarely grows; handed to Netty without a further copy.
        var writer =
                new PollReplyWriter(in.remaining() / 3 * 4 + MESSAGE_TEXT_BYTES * (int) Math.min(count, 100_000) + 128);
        writer.reply(partitionId, currentOffset, count, in);
        return Unpooled.wrappedBuffer(writer.out, 0, writer.position);
    }

    private void reply(long partitionId, long currentOffset, long count, ByteBuffer in) {
        text("{\"partition_id\":");
        u64(partitionId);
        text(",\"current_offset\":");
        u64(currentOffset);
        text(",\"count\":");
        u64(count);
        text(",\"messages\":[");
        boolean first = true;
        while (in.remaining() >= MessageLayout.HEADER_SIZE) {
            int start = in.position();
            long size = MessageLayout.messageSize(in, start);
            if (size < 0 || size > in.remaining()) {
                throw new WhippetException(
                        ErrorCode.CANNOT_READ_MESSAGE, "stored message at " + start + " is malformed");
            }
            if (!first) {
                bytes(',');
            }
            first = false;
            message(in, start);
            in.position(start + (int) size);
        }
        text("]}");
    }

    private void message(ByteBuffer in, int start) {
        int headersLength = in.getInt(start + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        int payloadLength = in.getInt(start + MessageLayout.PAYLOAD_LENGTH_OFFSET);
        ensure(MESSAGE_TEXT_BYTES + (payloadLength + 2) / 3 * 4);
        raw(CHECKSUM);
        u64(in.getLong(start));
        raw(ID);
        u128(in.getLong(start + MessageLayout.ID_OFFSET), in.getLong(start + MessageLayout.ID_OFFSET + 8));
        raw(OFFSET);
        u64(in.getLong(start + MessageLayout.OFFSET_OFFSET));
        raw(TIMESTAMP);
        u64(in.getLong(start + MessageLayout.TIMESTAMP_OFFSET));
        raw(ORIGIN_TIMESTAMP);
        u64(in.getLong(start + MessageLayout.ORIGIN_TIMESTAMP_OFFSET));
        raw(USER_HEADERS_LENGTH);
        u64(Integer.toUnsignedLong(headersLength));
        raw(PAYLOAD_LENGTH);
        u64(Integer.toUnsignedLong(payloadLength));
        raw(RESERVED);
        u64(in.getLong(start + MessageLayout.RESERVED_OFFSET));
        raw(PAYLOAD);
        int payloadStart = start + MessageLayout.HEADER_SIZE;
        base64(in, payloadStart, payloadLength);
        raw(USER_HEADERS);
        userHeaders(in.slice(payloadStart + payloadLength, headersLength).order(ByteOrder.LITTLE_ENDIAN));
        bytes('}');
    }

    /** The typed list, or the raw blob as one base64 string when it does not parse. */
    private void userHeaders(ByteBuffer blob) {
        if (!blob.hasRemaining()) {
            raw(EMPTY_LIST);
            return;
        }
        Map<HeaderValue, HeaderValue> headers;
        try {
            headers = UserHeaders.decode(blob.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        } catch (WhippetException e) {
            bytes('"');
            base64(blob, blob.position(), blob.remaining());
            bytes('"');
            return;
        }
        bytes('[');
        boolean first = true;
        for (Map.Entry<HeaderValue, HeaderValue> entry : headers.entrySet()) {
            if (!first) {
                bytes(',');
            }
            first = false;
            raw(KEY_KIND);
            headerValue(entry.getKey());
            raw(VALUE_KIND);
            headerValue(entry.getValue());
            text("}}");
        }
        bytes(']');
    }

    /** {@code kind","value":"base64"}: the part of a typed value after its opening quote. */
    private void headerValue(HeaderValue value) {
        text(value.kind().name().toLowerCase(Locale.ROOT));
        raw(KIND_VALUE);
        base64(ByteBuffer.wrap(value.value()), 0, value.value().length);
        bytes('"');
    }

    /**
     * {@code length} bytes from {@code index} as base64, padded. The JDK's encoder is an intrinsic
     * but encodes only whole arrays from index 0, so the bytes go through two scratch arrays that
     * live as long as the reply: two short copies cost far less than an encoder loop of our own.
     */
    private void base64(ByteBuffer in, int index, int length) {
        if (plain.length != length) {
            plain = new byte[length];
        }
        in.get(index, plain, 0, length);
        int encodedLength = (length + 2) / 3 * 4;
        if (encoded.length < encodedLength) {
            encoded = new byte[encodedLength];
        }
        int written = Base64.getEncoder().encode(plain, encoded);
        ensure(written);
        System.arraycopy(encoded, 0, out, position, written);
        position += written;
    }

    private void u64(long value) {
        ensure(U128Text.MAX_DIGITS);
        position = U128Text.writeU64(value, out, position);
    }

    private void u128(long low, long high) {
        ensure(U128Text.MAX_DIGITS);
        position = U128Text.write(low, high, out, position);
    }

    private void text(String ascii) {
        raw(ascii(ascii));
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, position, bytes.length);
        position += bytes.length;
    }

    private void bytes(char ascii) {
        ensure(1);
        out[position++] = (byte) ascii;
    }

    private void ensure(int more) {
        if (out.length - position < more) {
            long grown = Math.max((long) out.length * 2, (long) position + more);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new WhippetException(ErrorCode.CANNOT_READ_MESSAGE, "poll reply: over 2 GiB of JSON");
            }
            out = Arrays.copyOf(out, (int) grown);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
