package io.whippet.connectors.runtime.transform;

import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code filter_fields}: keeps or drops the top-level fields of a JSON object. Fields in {@code
 * keep_fields} always stay. Any other field matches when some pattern matches it (a pattern's key
 * and value parts must both match; a missing part matches anything). With {@code include_matching}
 * (the default) matching fields stay and the rest go; without it matching fields go. With no
 * patterns at all, only {@code keep_fields} stay.
 *
 * <p>Key patterns: {@code exact}, {@code starts_with}, {@code ends_with}, {@code contains}, {@code
 * regex}. Value patterns: {@code equals} (any JSON), {@code contains} and {@code regex} (strings),
 * {@code greater_than}, {@code less_than}, {@code between = [a, b]} (numbers, inclusive), {@code
 * is_null}, {@code is_not_null}.
 */
public record FilterFields(Set<String> keepFields, List<FieldPattern> patterns, boolean includeMatching)
        implements Transform {

    record FieldPattern(@Nullable KeyPattern key, @Nullable ValuePattern value) {
        boolean matches(String name, JsonNode node) {
            return (key == null || key.matches(name)) && (value == null || value.matches(node));
        }
    }

    record KeyPattern(String kind, String text, @Nullable Pattern regex) {
        static KeyPattern parse(JsonNode node) {
            Map.Entry<String, JsonNode> only = single(node, "key_pattern");
            String kind = only.getKey();
            if (!List.of("exact", "starts_with", "ends_with", "contains", "regex")
                    .contains(kind)) {
                throw PluginConfig.invalid("key_pattern", kind, "exact, starts_with, ends_with, contains or regex");
            }
            String text = only.getValue().asString();
            return new KeyPattern(kind, text, kind.equals("regex") ? Pattern.compile(text) : null);
        }

        boolean matches(String name) {
            return switch (kind) {
                case "exact" -> name.equals(text);
                case "starts_with" -> name.startsWith(text);
                case "ends_with" -> name.endsWith(text);
                case "contains" -> name.contains(text);
                default -> regex != null && regex.matcher(name).find();
            };
        }
    }

    record ValuePattern(
            String kind, JsonNode argument, @Nullable Pattern regex) {
        static ValuePattern parse(JsonNode node) {
            Map.Entry<String, JsonNode> only = single(node, "value_pattern");
            String kind = only.getKey();
            if (!List.of(
                            "equals",
                            "contains",
                            "regex",
                            "greater_than",
                            "less_than",
                            "between",
                            "is_null",
                            "is_not_null")
                    .contains(kind)) {
                throw PluginConfig.invalid(
                        "value_pattern",
                        kind,
                        "equals, contains, regex, greater_than, less_than, between, is_null or is_not_null");
            }
            if (kind.equals("between")
                    && (!only.getValue().isArray() || only.getValue().size() != 2)) {
                throw PluginConfig.invalid("between", only.getValue().toString(), "[low, high]");
            }
            return new ValuePattern(
                    kind,
                    only.getValue(),
                    kind.equals("regex") ? Pattern.compile(only.getValue().asString()) : null);
        }

        boolean matches(JsonNode value) {
            return switch (kind) {
                case "equals" -> value.equals(argument);
                case "contains" -> value.isString() && value.asString().contains(argument.asString());
                case "regex" ->
                    value.isString()
                            && regex != null
                            && regex.matcher(value.asString()).find();
                case "greater_than" -> value.isNumber() && value.asDouble() > argument.asDouble();
                case "less_than" -> value.isNumber() && value.asDouble() < argument.asDouble();
                case "between" ->
                    value.isNumber()
                            && value.asDouble() >= argument.get(0).asDouble()
                            && value.asDouble() <= argument.get(1).asDouble();
                case "is_null" -> value.isNull();
                default -> !value.isNull();
            };
        }
    }

    static FilterFields parse(JsonNode config) {
        Set<String> keep = new java.util.LinkedHashSet<>();
        config.path("keep_fields").forEach(field -> keep.add(field.asString()));
        List<FieldPattern> patterns = new ArrayList<>();
        for (JsonNode pattern : config.path("patterns")) {
            patterns.add(new FieldPattern(
                    pattern.has("key_pattern") ? KeyPattern.parse(pattern.get("key_pattern")) : null,
                    pattern.has("value_pattern") ? ValuePattern.parse(pattern.get("value_pattern")) : null));
        }
        return new FilterFields(
                Set.copyOf(keep),
                List.copyOf(patterns),
                config.path("include_matching").asBoolean(true));
    }

    @Override
    public Optional<Payload> apply(Payload payload) {
        if (!(payload instanceof Payload.Json json && json.value() instanceof ObjectNode object)) {
            return Optional.of(payload);
        }
        ObjectNode result = object.objectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            boolean keep;
            if (keepFields.contains(field.getKey())) {
                keep = true;
            } else if (patterns.isEmpty()) {
                keep = false;
            } else {
                boolean matches = patterns.stream().anyMatch(p -> p.matches(field.getKey(), field.getValue()));
                keep = matches == includeMatching;
            }
            if (keep) {
                result.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return Optional.of(new Payload.Json(result));
    }

    private static Map.Entry<String, JsonNode> single(JsonNode node, String what) {
        if (!node.isObject() || node.size() != 1) {
            throw PluginConfig.invalid(what, node.toString(), "a table with one entry, e.g. {exact = \"id\"}");
        }
        return node.properties().iterator().next();
    }
}
