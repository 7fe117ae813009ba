package io.whippet.connectors.runtime.transform;

import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The enabled transforms of one connector, in config-file order (upstream leaves the order
 * undefined). Immutable and thread-safe.
 */
public final class Transforms {
    private final List<Transform> steps;

    private Transforms(List<Transform> steps) {
        this.steps = steps;
    }

    public static Transforms none() {
        return new Transforms(List.of());
    }

    /** Builds the enabled transforms from (type, table) pairs; an unknown type is a config error. */
    public static Transforms of(List<? extends java.util.Map.Entry<String, JsonNode>> tables) {
        List<Transform> steps = new ArrayList<>();
        for (java.util.Map.Entry<String, JsonNode> table : tables) {
            if (!table.getValue().path("enabled").asBoolean(false)) {
                continue;
            }
            steps.add(build(table.getKey(), table.getValue()));
        }
        return new Transforms(List.copyOf(steps));
    }

    static Transform build(String type, JsonNode config) {
        return switch (type) {
            case "add_fields" -> AddFields.parse(config);
            case "delete_fields" -> DeleteFields.parse(config);
            case "update_fields" -> UpdateFields.parse(config);
            case "filter_fields" -> FilterFields.parse(config);
            case "unwrap_envelope" -> UnwrapEnvelope.parse(config);
            default ->
                throw PluginConfig.invalid(
                        "transform",
                        type,
                        "add_fields, delete_fields, update_fields, filter_fields or unwrap_envelope (proto, flatbuffer"
                                + " and avro conversions are not built)");
        };
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Runs every step; empty when one filtered the message out. Exceptions propagate. */
    public Optional<Payload> apply(Payload payload) {
        Payload current = payload;
        for (Transform step : steps) {
            Optional<Payload> next = step.apply(current);
            if (next.isEmpty()) {
                return next;
            }
            current = next.get();
        }
        return Optional.of(current);
    }
}
