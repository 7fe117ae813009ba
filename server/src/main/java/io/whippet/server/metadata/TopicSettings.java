package io.whippet.server.metadata;

import io.whippet.protocol.CompressionAlgorithm;

/**
 * A topic's settings as a create or update request carries them, before defaults are resolved:
 * {@code messageExpiryMicros} and {@code maxTopicSizeBytes} use 0 for "server default" and {@code -1}
 * ({@code u64::MAX}) for never / unlimited; {@code replicationFactor} 0 means 1.
 */
public record TopicSettings(
        String name,
        CompressionAlgorithm compression,
        long messageExpiryMicros,
        long maxTopicSizeBytes,
        int replicationFactor) {

    /** Everything at its default: no compression, server-default expiry and size, one replica. */
    public static TopicSettings named(String name) {
        return new TopicSettings(name, CompressionAlgorithm.NONE, 0, 0, 0);
    }
}
