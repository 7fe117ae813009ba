package io.whippet.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings that exist so an Iggy server config file starts Whippet unchanged, but that ask for
 * something Whippet does not do. Each one set to such a value becomes one line for the start-up
 * log, so nobody believes a setting took effect when it did not. One of them cannot be ignored
 * safely: archiving expired segments, where ignoring it would delete data meant to be kept.
 */
final class IggyOnlySettings {
    private IggyOnlySettings() {}

    /** Iggy's default paths below {@code system.path}; Whippet's layout is fixed. */
    private static final List<List<String>> LAYOUT_PATHS = List.of(
            List.of("system.runtime.path", "runtime"),
            List.of("system.stream.path", "streams"),
            List.of("system.topic.path", "topics"),
            List.of("system.partition.path", "partitions"),
            List.of("system.backup.path", "backup"),
            List.of("system.backup.compatibility.path", "compatibility"));

    /** The lines to log; throws {@link ConfigException} for a setting that must not be ignored. */
    static List<String> check(ConfigSource source) {
        if (source.bool("system.segment.archive_expired")) {
            throw source.invalid(
                    "system.segment.archive_expired",
                    "is not supported: Whippet cannot archive expired segments and will not delete them"
                            + " in its place (set it to false)");
        }
        List<String> ignored = new ArrayList<>();
        flag(source, ignored, "websocket.enabled", "the WebSocket transport is not supported (TCP, QUIC and HTTP are)");
        flag(source, ignored, "cluster.enabled", "clustering is not supported; this server runs as a single node");
        flag(
                source,
                ignored,
                "telemetry.enabled",
                "OpenTelemetry export is not supported (Prometheus metrics are, at" + " http.metrics.endpoint)");
        flag(
                source,
                ignored,
                "system.recovery.recreate_missing_state",
                "missing streams, topics or partitions are not recreated");
        String algorithm = source.string("system.compression.default_algorithm").trim();
        if (!algorithm.equalsIgnoreCase("none")) {
            ignored.add("system.compression.default_algorithm = '" + algorithm
                    + "': compression is set per topic (compression_algorithm), not server-wide");
        }
        String confirmation =
                source.string("system.segment.server_confirmation").trim();
        if (!confirmation.equalsIgnoreCase("wait")) {
            ignored.add("system.segment.server_confirmation = '" + confirmation
                    + "': every batch is written to its segment file before it is acknowledged");
        }
        for (List<String> path : LAYOUT_PATHS) {
            String value = source.string(path.get(0)).trim();
            if (!value.equals(path.get(1))) {
                ignored.add(path.get(0) + " = '" + value + "': the layout under system.path is fixed");
            }
        }
        return List.copyOf(ignored);
    }

    private static void flag(ConfigSource source, List<String> ignored, String key, String why) {
        if (source.bool(key)) {
            ignored.add(key + " = true: " + why);
        }
    }
}
