package io.whippet.connectors.runtime;

import java.util.Locale;

/** A connector's lifecycle state as the management API reports it; {@code ERROR} comes with a last error. */
public enum ConnectorStatus {
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
