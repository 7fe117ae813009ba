package io.whippet.connectors.runtime;

import java.lang.management.ManagementFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code GET /stats} body (spec §9): process figures, connector counts and per-connector counters. */
final class RuntimeStats {
    static final String VERSION = "0.1.0";

    private RuntimeStats() {}

    static ObjectNode of(ConnectRuntime runtime) {
        ObjectNode stats = Json.object();
        Runtime jvm = Runtime.getRuntime();
        stats.put("connectors_runtime_version", VERSION);
        stats.put("connectors_runtime_version_semver", semver(VERSION));
        stats.put("process_id", ProcessHandle.current().pid());
        double cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuLoad() * 100
                : 0;
        stats.put("cpu_usage", Math.max(0, cpu));
        stats.put("total_cpu_usage", Math.max(0, cpu));
        stats.put("memory_usage", jvm.totalMemory() - jvm.freeMemory());
        stats.put("total_memory", jvm.maxMemory());
        stats.put("available_memory", jvm.maxMemory() - (jvm.totalMemory() - jvm.freeMemory()));
        stats.put("run_time", System.currentTimeMillis() * 1_000 - runtime.startMicros());
        stats.put("start_time", runtime.startMicros());
        int sinks = 0;
        int sinksRunning = 0;
        int sources = 0;
        int sourcesRunning = 0;
        ArrayNode entries = stats.arrayNode();
        for (Connector connector : runtime.all()) {
            ConnectorConfig config = connector.config();
            boolean running = connector.status() == ConnectorStatus.RUNNING;
            if (config.type() == ConnectorType.SINK) {
                sinks++;
                sinksRunning += running ? 1 : 0;
            } else {
                sources++;
                sourcesRunning += running ? 1 : 0;
            }
            ObjectNode entry = entries.addObject();
            entry.put("key", config.key());
            entry.put("name", config.name());
            entry.put("connector_type", config.type().label());
            entry.put("version", connector.pluginVersion());
            entry.put("version_semver", semver(connector.pluginVersion()));
            entry.put("status", connector.status().label());
            entry.put("enabled", config.enabled());
            entry.put("last_error", connector.lastError());
            ObjectNode counters = Json.object();
            connector.describeCounters(counters);
            entry.setAll(counters);
        }
        stats.put("sources_total", sources);
        stats.put("sources_running", sourcesRunning);
        stats.put("sinks_total", sinks);
        stats.put("sinks_running", sinksRunning);
        stats.set("connectors", entries);
        return stats;
    }

    /** major * 1_000_000 + minor * 1_000 + patch, as upstream encodes it; 0 when unparsable. */
    static long semver(String version) {
        String[] parts = version.split("[.-]");
        try {
            return Long.parseLong(parts[0]) * 1_000_000
                    + (parts.length > 1 ? Long.parseLong(parts[1]) * 1_000 : 0)
                    + (parts.length > 2 ? Long.parseLong(parts[2]) : 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
