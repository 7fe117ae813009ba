package io.whippet.connectors.runtime;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the runtime, and TOML read as JSON trees (tables keep file order). */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Parses TOML into a JSON object; a syntax error is an invalid-configuration error naming {@code origin}. */
    static ObjectNode fromToml(String toml, String origin) {
        TomlParseResult result = Toml.parse(toml);
        if (result.hasErrors()) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION,
                    origin + ": " + result.errors().getFirst().toString() + " (expected: valid TOML)");
        }
        return (ObjectNode) parse(result.toJson());
    }

    /** Copies {@code overlay} into {@code base}, merging nested objects and replacing everything else. */
    static void merge(ObjectNode base, JsonNode overlay) {
        for (Map.Entry<String, JsonNode> entry : overlay.properties()) {
            JsonNode current = base.get(entry.getKey());
            if (current instanceof ObjectNode currentObject && entry.getValue() instanceof ObjectNode) {
                merge(currentObject, entry.getValue());
            } else {
                base.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
    }
}
