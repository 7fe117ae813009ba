package io.whippet.connectors.api;

/** A monotonic counter a plugin owns; the runtime exports it with the connector's labels. Thread-safe. */
public interface PluginCounter {
    void increment(long amount);

    default void increment() {
        increment(1);
    }

    long count();
}
