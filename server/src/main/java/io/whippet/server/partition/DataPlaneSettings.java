package io.whippet.server.partition;

import io.whippet.storage.PartitionConfig;

/** How every partition of this node is stored: the log settings and optional deduplication. */
public record DataPlaneSettings(
        PartitionConfig partitionConfig,
        boolean deduplicationEnabled,
        int deduplicationMaxEntries,
        long deduplicationExpiryMicros) {}
