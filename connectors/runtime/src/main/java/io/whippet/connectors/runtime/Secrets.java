package io.whippet.connectors.runtime;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Masks secrets ({@code password}, {@code token}, {@code api_key} and friends) before anything is logged. */
final class Secrets {
    private Secrets() {}

    static String mask(String secret) {
        return secret.isEmpty() ? "" : "******";
    }

    static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        return RuntimeConfig.SECRET_KEYS.contains(lower)
                || lower.endsWith("_password")
                || lower.endsWith("_token")
                || lower.endsWith("_secret")
                || lower.equals("secret")
                || lower.equals("connection_string");
    }

    /** A copy of {@code node} with every secret-looking value replaced by {@code ******}. */
    static JsonNode masked(JsonNode node) {
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (isSecretKey(entry.getKey()) && entry.getValue().isValueNode()) {
                    entry.setValue(object.stringNode("******"));
                } else {
                    maskInPlace(entry.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(Secrets::maskInPlace);
        }
    }
}
