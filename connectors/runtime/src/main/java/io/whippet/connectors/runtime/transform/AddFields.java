package io.whippet.connectors.runtime.transform;

import io.whippet.connectors.api.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code add_fields}: sets each listed field on a JSON object, replacing what was there. */
public record AddFields(List<Field> fields) implements Transform {
    record Field(String key, FieldValue value) {}

    static AddFields parse(JsonNode config) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode field : config.path("fields")) {
            fields.add(new Field(field.path("key").asString(), FieldValue.parse(field.path("value"), false)));
        }
        return new AddFields(List.copyOf(fields));
    }

    @Override
    public Optional<Payload> apply(Payload payload) {
        if (payload instanceof Payload.Json json && json.value() instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            for (Field field : fields) {
                copy.set(field.key(), field.value().next());
            }
            return Optional.of(new Payload.Json(copy));
        }
        return Optional.of(payload);
    }
}
