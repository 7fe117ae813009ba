package io.whippet.connectors.api;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A destination for messages. The runtime creates one instance per connector config, calls {@link
 * #open} once, then {@link #consume} for every batch of every subscribed topic, then {@link
 * #close}. Topics run on tasks of their own, so {@code consume} may be called from several threads
 * at once (never twice at once for one topic): implementations must be thread-safe.
 *
 * <p>Delivery is at-least-once: the runtime stores the consumer-group offset only after {@code
 * consume} returned normally. Throwing (a {@link io.whippet.protocol.WhippetException}) makes the
 * runtime retry the whole batch with backoff, so a sink may see a message more than once and
 * should tolerate duplicates.
 */
public interface Sink extends AutoCloseable {
    /** Builds the sink from its {@code [plugin_config]} table (as JSON); a failure marks the connector failed. */
    void open(ConnectorContext context, JsonNode pluginConfig);

    /** Delivers one batch, in offset order; returns only when every message is safely delivered. */
    void consume(TopicMetadata topic, MessagesMetadata batch, List<ConsumedMessage> messages);

    /** Releases resources and logs totals. */
    @Override
    void close();

    /** The plugin's version, reported in {@code /stats}. */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "0.1.0" : version;
    }
}
