package io.whippet.connectors.api;

/**
 * Where a plugin registers its own counters. Names are snake case without a prefix (the runtime
 * exports {@code delivered} as {@code iggy_connector_plugin_delivered_total} labelled with the
 * connector key). Asking twice for one name returns the same counter.
 */
public interface PluginMetrics {
    PluginCounter counter(String name, String description);

    /** Counters that count in memory only, for plugins run outside a runtime (tests). */
    static PluginMetrics inMemory() {
        return new InMemoryPluginMetrics();
    }
}
