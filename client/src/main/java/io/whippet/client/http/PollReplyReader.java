package io.whippet.client.http;

import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.response.PolledMessages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the usual poll reply (http-api.md 4.9) straight from its bytes: names are compared as
 * bytes, numbers accumulate digit by digit (u128 ids in two longs) and payloads decode from
 * between their quotes into the binary layout of {@link MessageLayout}. Through Jackson, a 1000 ×
 * 1 KB reply spent most of its parse on interning names and on a {@code BigInteger} per 128-bit id.
 *
 * <pre>
 * {"partition_id":u32,"current_offset":u64,"count":u32,"messages":[
 *   {"header":{"checksum":u64,"id":u128,"offset":u64,"timestamp":u64,"origin_timestamp":u64,...},
 *    "payload":"base64","user_headers":[]}, ...]}          (any whitespace; unknown fields skipped)
 * </pre>
 *
 * Anything outside that shape (escaped strings, non-empty typed header lists, other number forms,
 * malformed JSON) gives an empty result, and the caller reads the reply with Jackson
 * ({@link MessagesJson#polled}), which handles every form and names errors precisely.
 */
final class PollReplyReader {
    private static final byte[] PARTITION_ID = ascii("partition_id");
    private static final byte[] CURRENT_OFFSET = ascii("current_offset");
    private static final byte[] MESSAGES = ascii("messages");
    private static final byte[] HEADER = ascii("header");
    private static final byte[] PAYLOAD = ascii("payload");
    private static final byte[] USER_HEADERS = ascii("user_headers");
    private static final byte[] CHECKSUM = ascii("checksum");
    private static final byte[] ID = ascii("id");
    private static final byte[] OFFSET = ascii("offset");
    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] ORIGIN_TIMESTAMP = ascii("origin_timestamp");
    private static final byte[] PAYLOAD_LENGTH = ascii("payload_length");
    /** Decimal digits that always fit a signed long. */
    private static final int CHUNK_DIGITS = 18;

    private final byte[] in;
    private int at;
    /** The bounds of the last string read. */
    private int stringStart;

    private int stringEnd;
    /** The last u128 read, high half ({@link #number} returns the low half). */
    private long high;
    /** The current message's {@code payload_length} from its header; -1 when not given (yet). */
    private long payloadLength;

    private PollReplyReader(byte[] in) {
        this.in = in;
    }

    /** The messages in the binary layout, or empty when the reply is not in the usual shape. */
    static Optional<PolledMessages> read(byte[] body) {
        try {
            return Optional.of(new PollReplyReader(body).reply());
        } catch (NotUsualShape | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private PolledMessages reply() {
        expect('{');
        long partitionId = -1;
        long currentOffset = 0;
        // The binary form is never longer than the JSON: base64 shrinks, header fields are fixed.
        ByteBuffer out = ByteBuffer.allocate(in.length).order(ByteOrder.LITTLE_ENDIAN);
        int count = -1;
        if (!peekIs('}')) {
            do {
                name();
                if (nameIs(PARTITION_ID)) {
                    partitionId = number(false);
                } else if (nameIs(CURRENT_OFFSET)) {
                    currentOffset = number(false);
                } else if (nameIs(MESSAGES)) {
                    count = messages(out);
                } else {
                    skipValue();
                }
            } while (comma());
        }
        expect('}');
        skipWhitespace();
        if (at != in.length || partitionId < 0 || count < 0) {
            throw NotUsualShape.INSTANCE;
        }
        out.flip();
        return new PolledMessages(partitionId, currentOffset, count, out);
    }

    private int messages(ByteBuffer out) {
        expect('[');
        int count = 0;
        if (peekIs(']')) {
            at++;
            return count;
        }
        long[] header = new long[6];
        do {
            message(out, header);
            count++;
        } while (comma());
        expect(']');
        return count;
    }

    private void message(ByteBuffer out, long[] header) {
        expect('{');
        Arrays.fill(header, 0);
        payloadLength = -1;
        byte[] payload = null;
        byte[] headers = new byte[0];
        if (!peekIs('}')) {
            do {
                name();
                if (nameIs(HEADER)) {
                    header(header);
                } else if (nameIs(PAYLOAD)) {
                    payloadString();
                    ByteBuffer decoded =
                            Base64.getDecoder().decode(ByteBuffer.wrap(in, stringStart, stringEnd - stringStart));
                    payload = decoded.array();
                    if (decoded.remaining() != payload.length) {
                        payload = Arrays.copyOf(payload, decoded.remaining());
                    }
                } else if (nameIs(USER_HEADERS)) {
                    headers = userHeaders();
                } else {
                    skipValue();
                }
            } while (comma());
        }
        expect('}');
        if (payload == null || out.remaining() < MessageLayout.HEADER_SIZE + payload.length + headers.length) {
            throw NotUsualShape.INSTANCE;
        }
        MessagesJson.layOut(out, header, payload, headers);
    }

    /** Checksum, id low, id high, offset, timestamp, origin timestamp into {@code values}. */
    private void header(long[] values) {
        expect('{');
        if (peekIs('}')) {
            at++;
            return;
        }
        do {
            name();
            if (nameIs(CHECKSUM)) {
                values[0] = number(false);
            } else if (nameIs(ID)) {
                values[1] = number(true);
                values[2] = high;
            } else if (nameIs(OFFSET)) {
                values[3] = number(false);
            } else if (nameIs(TIMESTAMP)) {
                values[4] = number(false);
            } else if (nameIs(ORIGIN_TIMESTAMP)) {
                values[5] = number(false);
            } else if (nameIs(PAYLOAD_LENGTH)) {
                payloadLength = number(false);
            } else {
                skipValue();
            }
        } while (comma());
        expect('}');
    }

    /** An empty list, or the raw blob as base64; a typed list is left to Jackson. */
    private byte[] userHeaders() {
        skipWhitespace();
        if (in[at] == '"') {
            string();
            return Base64.getDecoder().decode(Arrays.copyOfRange(in, stringStart, stringEnd));
        }
        if (in[at] == 'n') {
            literal("null");
            return new byte[0];
        }
        expect('[');
        expect(']');
        return new byte[0];
    }

    /**
     * An unsigned integer: a u64 (bits kept past {@code Long.MAX_VALUE}), or with {@code wide} a
     * u128 whose high half goes to {@link #high}. The low half.
     */
    private long number(boolean wide) {
        skipWhitespace();
        int start = at;
        int i = start;
        long low = 0;
        long upper = 0;
        while (true) {
            // Up to 18 digits fit a long as they are; the 128-bit total takes them in one step.
            int chunkStart = i;
            long chunk = 0;
            long scale = 1;
            int digit;
            while (i - chunkStart < CHUNK_DIGITS && i < in.length && (digit = in[i] - '0') >= 0 && digit <= 9) {
                chunk = chunk * 10 + digit;
                scale *= 10;
                i++;
            }
            if (i == chunkStart) {
                break;
            }
            // (upper, low) = (upper, low) * scale + chunk, failing past 2^128 - 1.
            long upperScaled = upper * scale;
            long nextUpper = upperScaled + Math.unsignedMultiplyHigh(low, scale);
            if (Math.unsignedMultiplyHigh(upper, scale) != 0 || Long.compareUnsigned(nextUpper, upperScaled) < 0) {
                throw NotUsualShape.INSTANCE;
            }
            long lowScaled = low * scale;
            low = lowScaled + chunk;
            if (Long.compareUnsigned(low, lowScaled) < 0 && ++nextUpper == 0) {
                throw NotUsualShape.INSTANCE;
            }
            upper = nextUpper;
            if (i - chunkStart < CHUNK_DIGITS) {
                break;
            }
        }
        at = i;
        int length = i - start;
        boolean leadingZero = length > 1 && in[start] == '0';
        if (length == 0 || leadingZero || (i < in.length && isNumberContinuation(in[i])) || (!wide && upper != 0)) {
            throw NotUsualShape.INSTANCE; // negative, fraction, exponent, too big or not a number
        }
        high = upper;
        return low;
    }

    private static boolean isNumberByte(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || isNumberContinuation(b);
    }

    private static boolean isNumberContinuation(byte b) {
        return b == '.' || b == 'e' || b == 'E';
    }

    /**
     * The payload string's bounds. Its length follows from the header's {@code payload_length}, so
     * when the closing quote is where that says, the text is not scanned: the base64 decoder reads
     * every byte anyway and fails on a quote or backslash inside (then Jackson reads the reply).
     */
    private void payloadString() {
        expect('"');
        long end = at + (payloadLength + 2) / 3 * 4;
        if (payloadLength >= 0 && end < in.length && in[(int) end] == '"') {
            stringStart = at;
            stringEnd = (int) end;
            at = (int) end + 1;
            return;
        }
        at--;
        string();
    }

    /** The next string's bounds into {@link #stringStart} and {@link #stringEnd}, without its quotes. */
    private void string() {
        expect('"');
        int start = at;
        int end = start;
        byte b;
        while ((b = in[end]) != '"') {
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                throw NotUsualShape.INSTANCE; // escapes and control characters: Jackson decides
            }
            end++;
        }
        stringStart = start;
        stringEnd = end;
        at = end + 1;
    }

    /** A property name and its colon. */
    private void name() {
        string();
        expect(':');
    }

    private boolean nameIs(byte[] name) {
        return Arrays.equals(in, stringStart, stringEnd, name, 0, name.length);
    }

    /** Skips any JSON value whose strings have no escapes. */
    private void skipValue() {
        skipWhitespace();
        byte b = in[at];
        switch (b) {
            case '"' -> string();
            case '{', '[' -> {
                byte close = b == '{' ? (byte) '}' : (byte) ']';
                at++;
                if (peekIs((char) close)) {
                    at++;
                    return;
                }
                do {
                    if (b == '{') {
                        name();
                    }
                    skipValue();
                } while (comma());
                expect((char) close);
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                // Any number form; none of it is kept.
                int start = at;
                while (at < in.length && isNumberByte(in[at])) {
                    at++;
                }
                if (at == start) {
                    throw NotUsualShape.INSTANCE;
                }
            }
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (in[at++] != word.charAt(i)) {
                throw NotUsualShape.INSTANCE;
            }
        }
    }

    /** Whether a comma follows (consumed); otherwise the position is at the next non-space byte. */
    private boolean comma() {
        skipWhitespace();
        if (in[at] == ',') {
            at++;
            return true;
        }
        return false;
    }

    private boolean peekIs(char expected) {
        skipWhitespace();
        return in[at] == expected;
    }

    private void expect(char expected) {
        skipWhitespace();
        if (in[at] != expected) {
            throw NotUsualShape.INSTANCE;
        }
        at++;
    }

    private void skipWhitespace() {
        while (at < in.length) {
            byte b = in[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Not the usual shape: the caller falls back to Jackson. One shared instance, no stack trace. */
    private static final class NotUsualShape extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotUsualShape INSTANCE = new NotUsualShape();

        private NotUsualShape() {
            super(null, null, false, false);
        }
    }
}
