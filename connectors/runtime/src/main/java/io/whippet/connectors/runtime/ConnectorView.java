package io.whippet.connectors.runtime;

import org.jspecify.annotations.Nullable;

/** A snapshot of one connector for the API and for tests. */
public record ConnectorView(
        long pluginId,
        ConnectorConfig config,
        ConnectorStatus status,
        @Nullable String lastError,
        String pluginVersion) {
    static ConnectorView of(Connector connector) {
        return new ConnectorView(
                connector.pluginId(),
                connector.config(),
                connector.status(),
                connector.lastError(),
                connector.pluginVersion());
    }
}
