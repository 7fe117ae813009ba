package io.whippet.connectors.api;

/**
 * What the runtime tells a plugin instance when opening it.
 *
 * @param pluginId the instance id: a process-wide counter from 0, never reused
 * @param key the connector key from its config
 */
public record ConnectorContext(long pluginId, String key, PluginMetrics metrics) {
    /** A context for running a plugin alone (tests, tools). */
    public static ConnectorContext standalone(String key) {
        return new ConnectorContext(0, key, PluginMetrics.inMemory());
    }
}
