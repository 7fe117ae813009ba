package io.whippet.connectors.runtime;

import org.jspecify.annotations.Nullable;

/** A connector's status and last error, written by its tasks and read by the API. Thread-safe. */
final class StatusHolder {
    private @Nullable String lastError;
    private ConnectorStatus status = ConnectorStatus.STOPPED;

    synchronized ConnectorStatus status() {
        return status;
    }

    synchronized @Nullable String lastError() {
        return lastError;
    }

    synchronized void set(ConnectorStatus newStatus) {
        if (status != ConnectorStatus.ERROR || newStatus == ConnectorStatus.STARTING) {
            status = newStatus;
        }
    }

    /** Keeps the message as last error; a running connector stays running (the error was handled). */
    synchronized void recordError(String message) {
        lastError = message;
    }

    synchronized void fail(String message) {
        lastError = message;
        status = ConnectorStatus.ERROR;
    }
}
