package io.whippet.connectors.runtime;

import tools.jackson.databind.JsonNode;

/** One {@code [transforms.<type>]} table; transforms run in file order. */
public record TransformConfig(String type, JsonNode config) {
    public boolean enabled() {
        return config.path("enabled").asBoolean(false);
    }
}
