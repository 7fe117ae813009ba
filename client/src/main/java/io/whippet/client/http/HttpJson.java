package io.whippet.client.http;

import io.whippet.client.WhippetClientException;
import io.whippet.protocol.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper of the HTTP transport, and the two things done with it: write a body, read a reply. */
final class HttpJson {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private HttpJson() {}

    /** A body written field by field ({@code json} is positioned before the top-level value). */
    static byte[] write(Consumer<JsonGenerator> writer) {
        var out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            writer.accept(json);
        }
        return out.toByteArray();
    }

    /** An object of string properties, given as name, value, name, value, ... */
    static byte[] object(String... namesAndValues) {
        return write(json -> {
            json.writeStartObject();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                json.writeStringProperty(namesAndValues[i], namesAndValues[i + 1]);
            }
            json.writeEndObject();
        });
    }

    static JsonNode read(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new WhippetClientException(
                    ErrorCode.INVALID_FORMAT, "HTTP reply is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
