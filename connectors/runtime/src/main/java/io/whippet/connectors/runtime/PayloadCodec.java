package io.whippet.connectors.runtime;

import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.Schema;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;

/**
 * Message bytes to {@link Payload} and back, per {@link Schema} (spec §4): json parses (a failure is
 * a decode error), text requires valid UTF-8, everything else passes the bytes through. Stateless.
 */
final class PayloadCodec {
    private PayloadCodec() {}

    static Payload decode(Schema schema, byte[] bytes) {
        return switch (schema) {
            case JSON -> {
                try {
                    yield new Payload.Json(Json.MAPPER.readTree(bytes), bytes);
                } catch (JacksonException e) {
                    throw new WhippetException(
                            ErrorCode.INVALID_FORMAT, "payload is not JSON: " + e.getOriginalMessage());
                }
            }
            case TEXT -> {
                try {
                    yield new Payload.Text(StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString());
                } catch (CharacterCodingException e) {
                    throw new WhippetException(ErrorCode.INVALID_FORMAT, "payload is not UTF-8 text");
                }
            }
            case RAW, PROTO, FLATBUFFER, AVRO -> new Payload.Raw(bytes);
        };
    }

    /** The bytes to send for {@code payload}; the schema decides only how a Raw payload is checked. */
    static byte[] encode(Schema schema, Payload payload) {
        return switch (payload) {
            case Payload.Json json -> Json.MAPPER.writeValueAsBytes(json.value());
            case Payload.Text text -> text.text().getBytes(StandardCharsets.UTF_8);
            case Payload.Raw raw -> {
                if (schema == Schema.JSON) {
                    decode(Schema.JSON, raw.bytes()); // refuse bytes that would not read back as JSON
                }
                yield raw.bytes();
            }
        };
    }
}
