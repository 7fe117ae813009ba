package io.whippet.connectors.runtime.transform;

import io.whippet.connectors.api.PluginConfig;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** A value a transform writes: fixed ({@code value.static}) or computed per message ({@code value.computed}). */
sealed interface FieldValue {
    JsonNode next();

    record Static(JsonNode value) implements FieldValue {
        @Override
        public JsonNode next() {
            return value.deepCopy();
        }
    }

    enum Computed implements FieldValue {
        DATE_TIME,
        TIMESTAMP_NANOS,
        TIMESTAMP_MICROS,
        TIMESTAMP_MILLIS,
        TIMESTAMP_SECONDS,
        UUID_V4,
        UUID_V7;

        @Override
        public JsonNode next() {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            Instant now = Instant.now();
            return switch (this) {
                case DATE_TIME -> nodes.stringNode(DateTimeFormatter.ISO_INSTANT.format(now));
                case TIMESTAMP_NANOS -> nodes.numberNode(now.getEpochSecond() * 1_000_000_000L + now.getNano());
                case TIMESTAMP_MICROS -> nodes.numberNode(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
                case TIMESTAMP_MILLIS -> nodes.numberNode(now.toEpochMilli());
                case TIMESTAMP_SECONDS -> nodes.numberNode(now.getEpochSecond());
                case UUID_V4 -> nodes.stringNode(UUID.randomUUID().toString());
                case UUID_V7 -> nodes.stringNode(uuidV7(now.toEpochMilli()).toString());
            };
        }

        private static UUID uuidV7(long epochMillis) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
            long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return new UUID(high, low);
        }
    }

    /** {@code {static = X}}, {@code {computed = "fn"}}, or (for update_fields) a plain value. */
    static FieldValue parse(JsonNode node, boolean plainAllowed) {
        if (node.isObject() && node.size() == 1 && node.has("static")) {
            return new Static(node.get("static"));
        }
        if (node.isObject() && node.size() == 1 && node.has("computed")) {
            String name = node.get("computed").asString();
            try {
                return Computed.valueOf(name.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw PluginConfig.invalid(
                        "computed",
                        name,
                        "date_time, timestamp_nanos, timestamp_micros, timestamp_millis, timestamp_seconds, uuid_v4"
                                + " or uuid_v7");
            }
        }
        if (plainAllowed && !node.isMissingNode()) {
            return new Static(node);
        }
        throw PluginConfig.invalid("value", node.toString(), "{static = ...} or {computed = \"...\"}");
    }
}
