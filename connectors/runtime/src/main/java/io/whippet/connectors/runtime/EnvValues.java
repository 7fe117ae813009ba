package io.whippet.connectors.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The environment the runtime reads overrides from: a {@code .env} file (KEY=VALUE lines, {@code #}
 * comments, optional quotes) under the process environment, which wins. Also the one place that
 * turns an override's text into a JSON value.
 */
final class EnvValues {
    private EnvValues() {}

    /** {@code .env} from {@code IGGY_CONNECTORS_ENV_PATH} or the working directory, then {@code process}. */
    static Map<String, String> load(Map<String, String> process) {
        Map<String, String> merged = new HashMap<>();
        Path envFile = Path.of(process.getOrDefault("IGGY_CONNECTORS_ENV_PATH", ".env"));
        if (Files.isRegularFile(envFile)) {
            merged.putAll(readDotEnv(envFile));
        }
        merged.putAll(process);
        return merged;
    }

    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("export ")) {
                    trimmed = trimmed.substring("export ".length()).strip();
                }
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || equals <= 0) {
                    continue;
                }
                String value = trimmed.substring(equals + 1).strip();
                if (value.length() >= 2
                        && (value.startsWith("\"") && value.endsWith("\"")
                                || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(trimmed.substring(0, equals).strip(), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }

    /**
     * An override's value as JSON, the way upstream reads plugin_config overrides: {@code [a,b]} is an
     * array, {@code true}/{@code false} in any case a boolean, then an integer, then a float; anything
     * else stays a string.
     */
    static JsonNode typed(String text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String trimmed = text.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            ArrayNode array = nodes.arrayNode();
            String inner = trimmed.substring(1, trimmed.length() - 1).strip();
            if (!inner.isEmpty()) {
                for (String element : inner.split(",")) {
                    array.add(typed(element));
                }
            }
            return array;
        }
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return nodes.booleanNode(Boolean.parseBoolean(trimmed.toLowerCase(java.util.Locale.ROOT)));
        }
        try {
            return nodes.numberNode(Long.parseLong(trimmed));
        } catch (NumberFormatException notLong) {
            // fall through
        }
        try {
            double number = Double.parseDouble(trimmed);
            if (!trimmed.chars()
                    .allMatch(c -> Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return nodes.stringNode(text);
            }
            return nodes.numberNode(number);
        } catch (NumberFormatException notDouble) {
            return nodes.stringNode(text);
        }
    }
}
