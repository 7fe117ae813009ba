package io.whippet.connectors.runtime.transform;

import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.PluginConfig;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@code unwrap_envelope}: replaces a JSON object payload with the value of one of its fields. */
public record UnwrapEnvelope(String field) implements Transform {
    static UnwrapEnvelope parse(JsonNode config) {
        String field = config.path("field").asString("");
        if (field.isEmpty()) {
            throw PluginConfig.invalid("unwrap_envelope.field", "\"\"", "a field name");
        }
        return new UnwrapEnvelope(field);
    }

    @Override
    public Optional<Payload> apply(Payload payload) {
        if (payload instanceof Payload.Json json && json.value().isObject()) {
            JsonNode inner = json.value().get(field);
            if (inner == null) {
                throw new WhippetException(ErrorCode.INVALID_FORMAT, "envelope has no field " + field);
            }
            return Optional.of(new Payload.Json(inner));
        }
        return Optional.of(payload);
    }
}
