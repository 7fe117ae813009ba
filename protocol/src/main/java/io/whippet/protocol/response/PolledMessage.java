package io.whippet.protocol.response;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.UserHeaders;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of a poll reply, decoded for clients and tests. The id is a u128 given as its low
 * and high 64 bits (the wire holds low then high, little-endian). Layout in {@link MessageLayout}.
 */
public record PolledMessage(
        long checksum,
        long idLow,
        long idHigh,
        long offset,
        long timestampMicros,
        long originTimestampMicros,
        Map<HeaderValue, HeaderValue> userHeaders,
        byte[] payload) {
    public PolledMessage {
        userHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(userHeaders));
        payload = payload.clone();
    }

    /** Reads one message at the buffer's position; truncation or a length over the limits is error 3. */
    public static PolledMessage decode(ByteBuffer in) {
        Wire.require(in, MessageLayout.HEADER_SIZE, "message header");
        long checksum = Wire.u64(in, "checksum");
        long idLow = Wire.u64(in, "id");
        long idHigh = Wire.u64(in, "id");
        long offset = Wire.u64(in, "offset");
        long timestamp = Wire.u64(in, "timestamp");
        long originTimestamp = Wire.u64(in, "origin timestamp");
        long headersLength = Wire.u32(in, "user headers length");
        long payloadLength = Wire.u32(in, "payload length");
        Wire.u64(in, "reserved");
        if (payloadLength > MessageLayout.MAX_PAYLOAD_SIZE || headersLength > MessageLayout.MAX_USER_HEADERS_SIZE) {
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND,
                    "message lengths: payload " + payloadLength + ", user headers " + headersLength
                            + " (expected: <= " + MessageLayout.MAX_PAYLOAD_SIZE + ", <= "
                            + MessageLayout.MAX_USER_HEADERS_SIZE + ")");
        }
        byte[] payload = Wire.bytes(in, (int) payloadLength, "payload");
        Map<HeaderValue, HeaderValue> headers = UserHeaders.decode(Wire.slice(in, (int) headersLength, "user headers"));
        return new PolledMessage(checksum, idLow, idHigh, offset, timestamp, originTimestamp, headers, payload);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int encodedSize() {
        return MessageLayout.HEADER_SIZE + payload.length + UserHeaders.encodedSize(userHeaders);
    }

    /** Writes the message in its stored layout (checksum as given, not recomputed). */
    public void encode(ByteBuffer out) {
        out.putLong(checksum)
                .putLong(idLow)
                .putLong(idHigh)
                .putLong(offset)
                .putLong(timestampMicros)
                .putLong(originTimestampMicros)
                .putInt(UserHeaders.encodedSize(userHeaders))
                .putInt(payload.length)
                .putLong(0)
                .put(payload);
        UserHeaders.encode(userHeaders, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PolledMessage that
                && checksum == that.checksum
                && idLow == that.idLow
                && idHigh == that.idHigh
                && offset == that.offset
                && timestampMicros == that.timestampMicros
                && originTimestampMicros == that.originTimestampMicros
                && userHeaders.equals(that.userHeaders)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "PolledMessage[offset=" + offset + ", checksum=" + Long.toHexString(checksum) + ", id="
                + Long.toHexString(idHigh) + ":" + Long.toHexString(idLow) + ", timestampMicros=" + timestampMicros
                + ", originTimestampMicros=" + originTimestampMicros + ", userHeaders=" + userHeaders + ", payload="
                + HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 32)) + "]";
    }
}
