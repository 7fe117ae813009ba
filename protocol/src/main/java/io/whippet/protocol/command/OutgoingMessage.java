package io.whippet.protocol.command;

import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.UserHeaders;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message a client is about to send, before it is laid out in a {@link SendMessages} frame.
 * The id is a u128 given as its low and high 64 bits (0 and 0 ask the server to generate one);
 * checksum, offset and timestamp go out as 0 because the server assigns them. User headers are
 * written in the map's iteration order (kept as given).
 */
public record OutgoingMessage(
        long idLow,
        long idHigh,
        byte[] payload,
        Map<HeaderValue, HeaderValue> userHeaders,
        long originTimestampMicros) {
    public OutgoingMessage {
        if (payload.length > MessageLayout.MAX_PAYLOAD_SIZE) {
            throw new IllegalArgumentException(
                    "payload length: " + payload.length + " (expected: <= " + MessageLayout.MAX_PAYLOAD_SIZE + ")");
        }
        payload = payload.clone();
        userHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(userHeaders));
        int headersSize = UserHeaders.encodedSize(userHeaders);
        if (headersSize > MessageLayout.MAX_USER_HEADERS_SIZE) {
            throw new IllegalArgumentException("user headers length: " + headersSize + " (expected: <= "
                    + MessageLayout.MAX_USER_HEADERS_SIZE + ")");
        }
    }

    /** A message with a server-generated id, no headers and no origin timestamp (what Java sends). */
    public static OutgoingMessage of(byte[] payload) {
        return new OutgoingMessage(0, 0, payload, Map.of(), 0);
    }

    public static OutgoingMessage of(byte[] payload, Map<HeaderValue, HeaderValue> userHeaders) {
        return new OutgoingMessage(0, 0, payload, userHeaders, 0);
    }

    /** A message with an explicit id given as 16 little-endian bytes of a u128. */
    public static OutgoingMessage withId(
            byte[] id, byte[] payload, Map<HeaderValue, HeaderValue> userHeaders, long originTimestampMicros) {
        if (id.length != MessageLayout.ID_SIZE) {
            throw new IllegalArgumentException("id length: " + id.length + " (expected: 16)");
        }
        ByteBuffer le = ByteBuffer.wrap(id).order(ByteOrder.LITTLE_ENDIAN);
        return new OutgoingMessage(le.getLong(0), le.getLong(8), payload, userHeaders, originTimestampMicros);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Bytes this message takes: 64-byte header, payload, user headers. */
    public int encodedSize() {
        return MessageLayout.HEADER_SIZE + payload.length + UserHeaders.encodedSize(userHeaders);
    }

    /**
     * Writes the message in its wire and storage layout at the buffer's position.
     *
     * <pre>[checksum:u64=0][id:u128][offset:u64=0][timestamp:u64=0][origin_timestamp:u64]
     * [user_headers_length:u32][payload_length:u32][reserved:u64=0][payload][user headers]</pre>
     */
    public void encode(ByteBuffer out) {
        out.putLong(0)
                .putLong(idLow)
                .putLong(idHigh)
                .putLong(0)
                .putLong(0)
                .putLong(originTimestampMicros)
                .putInt(UserHeaders.encodedSize(userHeaders))
                .putInt(payload.length)
                .putLong(0)
                .put(payload);
        UserHeaders.encode(userHeaders, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutgoingMessage that
                && idLow == that.idLow
                && idHigh == that.idHigh
                && originTimestampMicros == that.originTimestampMicros
                && Arrays.equals(payload, that.payload)
                && userHeaders.equals(that.userHeaders);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(payload) + userHeaders.hashCode() + Long.hashCode(idLow ^ idHigh);
    }

    @Override
    public String toString() {
        return "OutgoingMessage[id=" + Long.toHexString(idHigh) + ":" + Long.toHexString(idLow) + ", payload="
                + payload.length + " bytes, userHeaders=" + userHeaders + ", originTimestampMicros="
                + originTimestampMicros + "]";
    }
}
