package io.whippet.connectors.runtime;

import java.util.Locale;

/** Sink or source: the {@code type} field of a connector config and the {@code connector_type} metric label. */
public enum ConnectorType {
    SINK,
    SOURCE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code sinks} or {@code sources}, as in the management API paths. */
    public String plural() {
        return label() + "s";
    }
}
