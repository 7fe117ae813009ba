package io.whippet.connectors.runtime.transform;

import io.whippet.connectors.api.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code delete_fields}: removes the named top-level keys of a JSON object. */
public record DeleteFields(List<String> fields) implements Transform {
    static DeleteFields parse(JsonNode config) {
        List<String> fields = new ArrayList<>();
        config.path("fields").forEach(field -> fields.add(field.asString()));
        return new DeleteFields(List.copyOf(fields));
    }

    @Override
    public Optional<Payload> apply(Payload payload) {
        if (payload instanceof Payload.Json json && json.value() instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove(fields);
            return Optional.of(new Payload.Json(copy));
        }
        return Optional.of(payload);
    }
}
