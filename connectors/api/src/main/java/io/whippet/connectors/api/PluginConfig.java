package io.whippet.connectors.api;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed options out of a {@code [plugin_config]} tree with defaults, so plugins share one
 * spelling of durations and one error form ({@code name: value (expected: ...)}).
 */
public final class PluginConfig {
    private final JsonNode root;

    public PluginConfig(JsonNode root) {
        this.root = root;
    }

    public boolean has(String name) {
        JsonNode node = root.get(name);
        return node != null && !node.isNull();
    }

    public String string(String name, String fallback) {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? fallback : node.asString();
    }

    public boolean bool(String name, boolean fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, node.toString(), "true or false");
        };
    }

    public long number(String name, long fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        try {
            return Long.parseLong(node.asString().trim());
        } catch (NumberFormatException e) {
            throw invalid(name, node.toString(), "an integer");
        }
    }

    /** A duration in humantime form ({@code 500ms}, {@code 1s}, {@code 2m}), or a bare number of ms. */
    public Duration duration(String name, Duration fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isIntegralNumber()) {
            return Duration.ofMillis(node.longValue());
        }
        return Durations.parse(node.asString());
    }

    public JsonNode node(String name) {
        JsonNode node = root.get(name);
        return node == null ? tools.jackson.databind.node.MissingNode.getInstance() : node;
    }

    public static WhippetException invalid(String name, String value, String expected) {
        return new WhippetException(
                ErrorCode.INVALID_CONFIGURATION, name + ": " + value + " (expected: " + expected + ")");
    }
}
