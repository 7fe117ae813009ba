package io.whippet.connectors.api;

import io.whippet.protocol.HeaderValue;
import java.util.HexFormat;
import java.util.Map;

/**
 * One message handed to a sink: its server metadata and decoded payload. The id is a u128 as its
 * low and high 64 bits; timestamps are microseconds since the epoch.
 */
public record ConsumedMessage(
        long idLow,
        long idHigh,
        long offset,
        long checksum,
        long timestampMicros,
        long originTimestampMicros,
        Map<HeaderValue, HeaderValue> headers,
        Payload payload) {
    /** The id as 32 lower-case hex digits, zero-padded, high half first (Iggy's u128 text form). */
    public String idHex() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(idHigh) + hex.toHexDigits(idLow);
    }

    public ConsumedMessage withPayload(Payload newPayload) {
        return new ConsumedMessage(
                idLow, idHigh, offset, checksum, timestampMicros, originTimestampMicros, headers, newPayload);
    }
}
