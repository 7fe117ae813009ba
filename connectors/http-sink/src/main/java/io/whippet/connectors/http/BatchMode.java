package io.whippet.connectors.http;

import io.whippet.connectors.api.PluginConfig;

/** How a batch becomes requests, and the content type each request carries. */
enum BatchMode {
    /** One request per message, one JSON value each. */
    INDIVIDUAL("application/json", true),
    /** One request per batch, one JSON value per line, every line ending in a newline. */
    NDJSON("application/x-ndjson", false),
    /** One request per batch, a JSON array. */
    JSON_ARRAY("application/json", false),
    /** One request per message, the payload bytes as they are. */
    RAW("application/octet-stream", true);

    final String contentType;
    final boolean perMessage;

    BatchMode(String contentType, boolean perMessage) {
        this.contentType = contentType;
        this.perMessage = perMessage;
    }

    static BatchMode parse(String text) {
        return switch (text) {
            case "individual" -> INDIVIDUAL;
            case "ndjson" -> NDJSON;
            case "json_array" -> JSON_ARRAY;
            case "raw" -> RAW;
            default -> throw PluginConfig.invalid("batch_mode", text, "individual, ndjson, json_array or raw");
        };
    }
}
