package io.whippet.connectors.api;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An origin of messages. The runtime calls {@link #open} with the last saved state, then {@link
 * #poll} in a loop on one thread, one batch in flight at a time: it sends the batch, saves its state
 * and only then reports {@link BatchResult#ACK}; any failure is a {@link BatchResult#NACK}, after
 * which the runtime waits (100 ms doubling to 5 s) and polls again; 5 NACKs in a row stop the
 * source. A crash before the state is saved sends the batch again, so work a source does on ACK
 * must be idempotent.
 */
public interface Source extends AutoCloseable {
    /** Builds the source; {@code state} is what the last acknowledged batch carried, or null. */
    void open(ConnectorContext context, JsonNode pluginConfig, byte @Nullable [] state);

    /**
     * Returns the next batch, waiting on the source's own schedule (but not much longer than a
     * second, so the runtime can stop it); an empty batch when there is nothing yet.
     */
    ProducedBatch poll();

    /** The outcome of the batch returned by the last {@link #poll}. */
    default void onBatchResult(BatchResult result) {}

    /** True when the source has nothing more to produce, ever (for example a fixed count reached). */
    default boolean exhausted() {
        return false;
    }

    @Override
    void close();

    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "0.1.0" : version;
    }
}
