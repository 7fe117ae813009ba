package io.whippet.connectors.api;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.util.Locale;

/**
 * How message bytes are read into a {@link Payload} (sinks) or written from one (sources). Proto,
 * FlatBuffer and Avro pass the bytes through as {@link Payload.Raw}: schema-aware conversion is
 * not built.
 */
public enum Schema {
    JSON,
    RAW,
    TEXT,
    PROTO,
    FLATBUFFER,
    AVRO;

    /** The config spelling ({@code "json"}, ...). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Schema parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "schema: " + text + " (expected: json, raw, text, proto, flatbuffer or avro)");
        }
    }
}
