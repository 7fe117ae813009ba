package io.whippet.connectors.api;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A decoded message body: a JSON tree, UTF-8 text, or bytes the runtime does not interpret. */
public sealed interface Payload {
    /**
     * A parsed JSON value; transforms work on these only.
     *
     * @param source the exact UTF-8 bytes {@code value} was parsed from, while nothing has changed
     *     it (no transform ran), else null: a sink may copy them instead of serialising the tree
     *     again. Not copied; never modified.
     */
    @SuppressWarnings("ArrayRecordComponent") // passed through without copies on the hot path
    record Json(JsonNode value, byte @Nullable [] source) implements Payload {
        public Json(JsonNode value) {
            this(value, null);
        }

        /** Equal when the values are: the source bytes are a cache, not part of the value. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Json json && value.equals(json.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }
    }

    /** Valid UTF-8 text. */
    record Text(String text) implements Payload {}

    /** Bytes as they are (raw, proto, flatbuffer and avro schemas). Not copied. */
    @SuppressWarnings("ArrayRecordComponent") // passed through without copies on the hot path
    record Raw(byte[] bytes) implements Payload {}
}
