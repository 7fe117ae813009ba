package io.whippet.connectors.runtime;

import io.whippet.connectors.api.Durations;
import io.whippet.connectors.api.PluginConfig;
import io.whippet.connectors.api.Schema;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connector config (one key, one version; spec §3) parsed from its TOML, and the tree it came
 * from, which the management API returns as is.
 *
 * @param pluginConfig the {@code [plugin_config]} table, an empty object when there is none
 * @param tree the whole config as JSON, after env overrides
 */
public record ConnectorConfig(
        ConnectorType type,
        String key,
        boolean enabled,
        long version,
        String name,
        String path,
        String pluginConfigFormat,
        boolean verbose,
        boolean benchmark,
        List<TransformConfig> transforms,
        JsonNode pluginConfig,
        boolean hasPluginConfig,
        List<SinkStream> sinkStreams,
        List<SourceStream> sourceStreams,
        Delivery delivery,
        ObjectNode tree) {

    private static final List<String> OVERRIDABLE =
            List.of("enabled", "name", "path", "plugin_config_format", "verbose", "benchmark");

    /** Parses a connector TOML with the env overrides of spec §3 applied. */
    public static ConnectorConfig fromToml(String toml, String origin, Map<String, String> env) {
        ObjectNode tree = Json.fromToml(toml, origin);
        applyEnv(tree, env);
        return fromTree(tree, origin);
    }

    /**
     * {@code IGGY_CONNECTORS_<SINK|SOURCE>_<KEY>_<FIELD>} replaces a top-level field; every var
     * starting {@code IGGY_CONNECTORS_<TYPE>_<KEY>_PLUGIN_CONFIG_} sets a top-level plugin_config key
     * (the rest of the name, lower case).
     */
    static void applyEnv(ObjectNode tree, Map<String, String> env) {
        String type = tree.path("type").asString("").toUpperCase(Locale.ROOT);
        String key = tree.path("key").asString("").toUpperCase(Locale.ROOT);
        if (type.isEmpty() || key.isEmpty()) {
            return;
        }
        String prefix = "IGGY_CONNECTORS_" + type + "_" + key + "_";
        for (String field : OVERRIDABLE) {
            String value = env.get(prefix + field.toUpperCase(Locale.ROOT));
            if (value != null) {
                tree.set(field, EnvValues.typed(value));
            }
        }
        String pluginPrefix = prefix + "PLUGIN_CONFIG_";
        for (Map.Entry<String, String> entry : env.entrySet()) {
            if (entry.getKey().startsWith(pluginPrefix) && entry.getKey().length() > pluginPrefix.length()) {
                JsonNode plugin = tree.get("plugin_config");
                ObjectNode table = plugin instanceof ObjectNode object ? object : tree.putObject("plugin_config");
                table.set(
                        entry.getKey().substring(pluginPrefix.length()).toLowerCase(Locale.ROOT),
                        EnvValues.typed(entry.getValue()));
            }
        }
    }

    public static ConnectorConfig fromTree(ObjectNode tree, String origin) {
        ConnectorType type = switch (required(tree, "type", origin).asString()) {
            case "sink" -> ConnectorType.SINK;
            case "source" -> ConnectorType.SOURCE;
            default -> throw invalid(origin, "type", tree.path("type").toString(), "sink or source");
        };
        String key = required(tree, "key", origin).asString();
        if (!key.matches("[A-Za-z0-9_-]+")) {
            throw invalid(origin, "key", key, "letters, digits, _ and -");
        }
        List<TransformConfig> transforms = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : tree.path("transforms").properties()) {
            transforms.add(new TransformConfig(entry.getKey(), entry.getValue()));
        }
        List<SinkStream> sinkStreams = new ArrayList<>();
        List<SourceStream> sourceStreams = new ArrayList<>();
        for (JsonNode stream : tree.path("streams")) {
            String streamName = required(stream, "stream", origin).asString();
            Schema schema = Schema.parse(stream.path("schema").asString("json"));
            int batchLength = stream.path("batch_length").asInt(1000);
            if (batchLength < 1) {
                throw invalid(origin, "batch_length", String.valueOf(batchLength), ">= 1");
            }
            if (type == ConnectorType.SINK) {
                List<String> topics = new ArrayList<>();
                for (JsonNode topic : required(stream, "topics", origin)) {
                    topics.add(topic.asString());
                }
                sinkStreams.add(new SinkStream(
                        streamName,
                        topics,
                        schema,
                        batchLength,
                        duration(stream, "poll_interval", Duration.ofMillis(5)),
                        stream.path("consumer_group").asString("iggy-connect-sink-" + key)));
            } else {
                sourceStreams.add(new SourceStream(
                        streamName,
                        required(stream, "topic", origin).asString(),
                        schema,
                        batchLength,
                        duration(stream, "linger_time", Duration.ofMillis(5))));
            }
        }
        JsonNode plugin = tree.get("plugin_config");
        return new ConnectorConfig(
                type,
                key,
                required(tree, "enabled", origin).asBoolean(),
                required(tree, "version", origin).asLong(),
                required(tree, "name", origin).asString(),
                required(tree, "path", origin).asString(),
                tree.path("plugin_config_format").asString("toml"),
                tree.path("verbose").asBoolean(false),
                tree.path("benchmark").asBoolean(false),
                List.copyOf(transforms),
                plugin == null ? Json.object() : plugin,
                plugin != null,
                List.copyOf(sinkStreams),
                List.copyOf(sourceStreams),
                tree.has("delivery") ? Delivery.parse(tree.get("delivery")) : Delivery.defaults(),
                tree);
    }

    /** The same config under another version (the API's create assigns versions). */
    ConnectorConfig withVersion(long newVersion) {
        ObjectNode copy = tree.deepCopy();
        copy.put("version", newVersion);
        return fromTree(copy, key);
    }

    @Override
    public String toString() {
        return "ConnectorConfig" + Json.write(Secrets.masked(tree));
    }

    private static Duration duration(JsonNode node, String field, Duration fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return value.isIntegralNumber() ? Duration.ofMillis(value.asLong()) : Durations.parse(value.asString());
    }

    private static JsonNode required(JsonNode node, String field, String origin) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new WhippetException(ErrorCode.INVALID_CONFIGURATION, origin + ": missing field " + field);
        }
        return value;
    }

    private static WhippetException invalid(String origin, String field, String value, String expected) {
        return PluginConfig.invalid(origin + ": " + field, value, expected);
    }
}
