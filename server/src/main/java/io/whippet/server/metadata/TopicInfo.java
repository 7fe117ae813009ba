package io.whippet.server.metadata;

import io.whippet.protocol.CompressionAlgorithm;
import java.util.List;

/**
 * A topic with its resolved settings. {@code messageExpiryMicros} and {@code maxTopicSizeBytes} hold
 * u64 values in a long: {@link #NEVER_EXPIRE} ({@code u64::MAX}) means messages never expire and
 * {@link #UNLIMITED_SIZE} ({@code u64::MAX}) means no size limit; the request's 0 ("server default")
 * has already been resolved before a topic is created.
 */
public record TopicInfo(
        long streamId,
        long id,
        String name,
        long createdAtMicros,
        List<PartitionInfo> partitions,
        CompressionAlgorithm compression,
        long messageExpiryMicros,
        long maxTopicSizeBytes,
        int replicationFactor) {

    /** {@code u64::MAX}: messages of the topic never expire. */
    public static final long NEVER_EXPIRE = -1L;

    /** {@code u64::MAX}: the topic has no size limit. */
    public static final long UNLIMITED_SIZE = -1L;

    public TopicInfo {
        partitions = List.copyOf(partitions);
    }

    public int partitionsCount() {
        return partitions.size();
    }

    TopicInfo withPartitions(List<PartitionInfo> newPartitions) {
        return new TopicInfo(
                streamId,
                id,
                name,
                createdAtMicros,
                newPartitions,
                compression,
                messageExpiryMicros,
                maxTopicSizeBytes,
                replicationFactor);
    }
}
