package io.whippet.connectors.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link Source#poll} returns: messages in the given schema and, optionally, the state to
 * persist once they are acknowledged by the server. An empty poll should carry no state.
 *
 * @param state opaque bytes passed back to {@link Source#open} after a restart, or null
 */
@SuppressWarnings("ArrayRecordComponent") // opaque state, written as is
public record ProducedBatch(Schema schema, List<ProducedMessage> messages, byte @Nullable [] state) {
    public static ProducedBatch empty(Schema schema) {
        return new ProducedBatch(schema, List.of(), null);
    }
}
