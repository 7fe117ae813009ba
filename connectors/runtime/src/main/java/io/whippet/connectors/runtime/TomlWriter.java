package io.whippet.connectors.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Writes a JSON object as TOML: scalars and arrays of scalars first, then {@code [tables]}, then
 * {@code [[arrays of tables]]}, recursively with dotted names. Null values are left out (TOML has
 * none).
 */
final class TomlWriter {
    private TomlWriter() {}

    static String write(JsonNode object) {
        StringBuilder out = new StringBuilder();
        writeTable(out, "", object);
        return out.toString();
    }

    private static void writeTable(StringBuilder out, String prefix, JsonNode object) {
        List<Map.Entry<String, JsonNode>> tables = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> tableArrays = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                tables.add(entry);
            } else if (value.isArray() && !value.isEmpty() && allObjects(value)) {
                tableArrays.add(entry);
            } else if (!value.isNull()) {
                out.append(key(entry.getKey()))
                        .append(" = ")
                        .append(inline(value))
                        .append('\n');
            }
        }
        for (Map.Entry<String, JsonNode> table : tables) {
            String name = prefix + key(table.getKey());
            out.append('\n').append('[').append(name).append("]\n");
            writeTable(out, name + ".", table.getValue());
        }
        for (Map.Entry<String, JsonNode> array : tableArrays) {
            String name = prefix + key(array.getKey());
            for (JsonNode element : array.getValue()) {
                out.append('\n').append("[[").append(name).append("]]\n");
                writeTable(out, name + ".", element);
            }
        }
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static String inline(JsonNode value) {
        if (value.isString()) {
            return Json.write(value); // JSON string escapes are valid TOML basic-string escapes
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(inline(element)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (value.isObject()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                parts.add(key(entry.getKey()) + " = " + inline(entry.getValue()));
            }
            return "{ " + String.join(", ", parts) + " }";
        }
        return value.toString();
    }

    private static String key(String name) {
        return name.matches("[A-Za-z0-9_-]+")
                ? name
                : Json.write(Json.MAPPER.getNodeFactory().stringNode(name));
    }
}
