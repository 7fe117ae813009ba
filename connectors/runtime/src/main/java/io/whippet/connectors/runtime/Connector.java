package io.whippet.connectors.runtime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One running (or failed, or stopped) connector: its config, plugin instance and tasks. Start and
 * stop are called by the runtime, one at a time; status reads are safe from any thread.
 */
sealed interface Connector permits SinkConnector, SourceConnector {
    ConnectorConfig config();

    long pluginId();

    ConnectorStatus status();

    @Nullable
    String lastError();

    /** Opens the plugin and starts the tasks; a failure leaves status ERROR, never throws. */
    void start();

    /** Stops the tasks, closes the plugin; status STOPPED (or stays ERROR). Idempotent. */
    void stop();

    /** The plugin's version, or "" when it never opened. */
    String pluginVersion();

    /** Counters for {@code /stats}, added to {@code entry}. */
    void describeCounters(ObjectNode entry);
}
