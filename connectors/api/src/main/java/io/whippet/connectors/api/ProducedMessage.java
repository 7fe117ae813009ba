package io.whippet.connectors.api;

import io.whippet.protocol.HeaderValue;
import java.util.Map;

/**
 * One message a source wants sent. An id of 0/0 lets the server assign one; an origin timestamp of
 * 0 means none.
 */
public record ProducedMessage(
        long idLow, long idHigh, long originTimestampMicros, Map<HeaderValue, HeaderValue> headers, Payload payload) {
    public static ProducedMessage of(Payload payload) {
        return new ProducedMessage(0, 0, 0, Map.of(), payload);
    }
}
