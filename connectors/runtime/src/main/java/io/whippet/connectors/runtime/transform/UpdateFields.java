package io.whippet.connectors.runtime.transform;

import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code update_fields}: sets fields under a condition, {@code always} (the default), {@code
 * key_exists} or {@code key_not_exists}.
 */
public record UpdateFields(List<Field> fields) implements Transform {
    enum Condition {
        ALWAYS,
        KEY_EXISTS,
        KEY_NOT_EXISTS
    }

    record Field(String key, FieldValue value, Condition condition) {}

    static UpdateFields parse(JsonNode config) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode field : config.path("fields")) {
            String condition = field.path("condition").asString("always");
            Condition parsed = switch (condition) {
                case "always" -> Condition.ALWAYS;
                case "key_exists" -> Condition.KEY_EXISTS;
                case "key_not_exists" -> Condition.KEY_NOT_EXISTS;
                default -> throw PluginConfig.invalid("condition", condition, "always, key_exists or key_not_exists");
            };
            fields.add(new Field(field.path("key").asString(), FieldValue.parse(field.path("value"), true), parsed));
        }
        return new UpdateFields(List.copyOf(fields));
    }

    @Override
    public Optional<Payload> apply(Payload payload) {
        if (payload instanceof Payload.Json json && json.value() instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            for (Field field : fields) {
                boolean exists = copy.has(field.key());
                boolean write = switch (field.condition()) {
                    case ALWAYS -> true;
                    case KEY_EXISTS -> exists;
                    case KEY_NOT_EXISTS -> !exists;
                };
                if (write) {
                    copy.set(field.key(), field.value().next());
                }
            }
            return Optional.of(new Payload.Json(copy));
        }
        return Optional.of(payload);
    }
}
