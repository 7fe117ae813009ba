package io.whippet.connectors.api;

import tools.jackson.databind.JsonNode;

/** A decoded message body: a JSON tree, UTF-8 text, or bytes the runtime does not interpret. */
public sealed interface Payload {
    /** A parsed JSON value; transforms work on these only. */
    record Json(JsonNode value) implements Payload {}

    /** Valid UTF-8 text. */
    record Text(String text) implements Payload {}

    /** Bytes as they are (raw, proto, flatbuffer and avro schemas). Not copied. */
    @SuppressWarnings("ArrayRecordComponent") // passed through without copies on the hot path
    record Raw(byte[] bytes) implements Payload {}
}
