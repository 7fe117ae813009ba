package io.whippet.client;

import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.UserHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A message to send. The payload array is <em>not</em> copied: it is written straight into the
 * outgoing frame, so the caller must not change it until the send completes. The id is a u128 as
 * its low and high 64 bits; 0/0 lets the server generate a UUID. Checksum, offset and timestamp are
 * assigned by the server.
 */
@SuppressWarnings("ArrayRecordComponent") // deliberately shared, see the class doc
public record Message(
        long idLow,
        long idHigh,
        byte[] payload,
        Map<HeaderValue, HeaderValue> userHeaders,
        long originTimestampMicros) {
    public Message {
        if (payload.length > MessageLayout.MAX_PAYLOAD_SIZE) {
            throw new IllegalArgumentException(
                    "payload length: " + payload.length + " (expected: <= " + MessageLayout.MAX_PAYLOAD_SIZE + ")");
        }
        if (!userHeaders.isEmpty()) {
            int headersSize = UserHeaders.encodedSize(userHeaders);
            if (headersSize > MessageLayout.MAX_USER_HEADERS_SIZE) {
                throw new IllegalArgumentException("user headers length: " + headersSize + " (expected: <= "
                        + MessageLayout.MAX_USER_HEADERS_SIZE + ")");
            }
        }
    }

    public static Message of(byte[] payload) {
        return new Message(0, 0, payload, Map.of(), 0);
    }

    public static Message of(String payload) {
        return of(payload.getBytes(StandardCharsets.UTF_8));
    }

    public static Message of(byte[] payload, Map<HeaderValue, HeaderValue> userHeaders) {
        return new Message(0, 0, payload, userHeaders, 0);
    }

    /** A message with this UUID as its id, written as low 64 bits then high 64 bits (as Iggy's SDKs do). */
    public static Message withId(UUID id, byte[] payload) {
        return new Message(id.getLeastSignificantBits(), id.getMostSignificantBits(), payload, Map.of(), 0);
    }

    /** Bytes on the wire: 64-byte header, payload, user headers. */
    public int encodedSize() {
        return MessageLayout.HEADER_SIZE
                + payload.length
                + (userHeaders.isEmpty() ? 0 : UserHeaders.encodedSize(userHeaders));
    }
}
