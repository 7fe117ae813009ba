package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The layout of one message: identical when sent, when stored in a segment file and when polled,
 * so a poll can be served from the file without re-encoding. All integers little-endian.
 *
 * <pre>
 *  0                   8                                  24                  32
 *  +-------------------+----------------------------------+-------------------+
 *  | checksum u64      | id u128 (0 = server generates)   | offset u64        |
 *  +-------------------+-------------------+--------------+------+------------+
 *  | timestamp u64 (µs)| origin_ts u64 (µs)| headers_len u32| payload_len u32 |
 *  32                  40                  48               52              56
 *  +-------------------+------------------------------------------------------+
 *  | reserved u64 (0)  | payload (payload_len) | user headers (headers_len)   |
 *  56                  64                                                     end
 * </pre>
 *
 * <p>The checksum is XXH3-64 (seed 0) of bytes [8, end), computed by the server after it assigns
 * id, offset and timestamp ({@link MessageChecksum}).
 */
public final class MessageLayout {
    public static final int HEADER_SIZE = 64;
    public static final int CHECKSUM_OFFSET = 0;
    public static final int ID_OFFSET = 8;
    public static final int ID_SIZE = 16;
    public static final int OFFSET_OFFSET = 24;
    public static final int TIMESTAMP_OFFSET = 32;
    public static final int ORIGIN_TIMESTAMP_OFFSET = 40;
    public static final int USER_HEADERS_LENGTH_OFFSET = 48;
    public static final int PAYLOAD_LENGTH_OFFSET = 52;
    public static final int RESERVED_OFFSET = 56;
    /** The checksum covers the message from here to its end. */
    public static final int CHECKSUM_COVERAGE_START = ID_OFFSET;

    /** Upstream's limits: a larger payload is error 4022, larger user headers 4017. */
    public static final int MAX_PAYLOAD_SIZE = 64_000_000;

    public static final int MAX_USER_HEADERS_SIZE = 100_000;

    /** The largest a single valid message can be. */
    public static final long MAX_MESSAGE_SIZE = (long) HEADER_SIZE + MAX_PAYLOAD_SIZE + MAX_USER_HEADERS_SIZE;

    private MessageLayout() {}

    /**
     * The total size of the message whose header starts at {@code position}, read from its two
     * length fields, or -1 when a length is out of bounds (so a corrupt length never drives an
     * allocation or a read).
     */
    public static long messageSize(ByteBuffer buffer, int position) {
        ByteBuffer le = buffer.order() == ByteOrder.LITTLE_ENDIAN
                ? buffer
                : buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long headersLength = Integer.toUnsignedLong(le.getInt(position + USER_HEADERS_LENGTH_OFFSET));
        long payloadLength = Integer.toUnsignedLong(le.getInt(position + PAYLOAD_LENGTH_OFFSET));
        if (payloadLength > MAX_PAYLOAD_SIZE || headersLength > MAX_USER_HEADERS_SIZE) {
            return -1;
        }
        return HEADER_SIZE + payloadLength + headersLength;
    }
}
