package io.whippet.server.metadata;

/** One partition of a topic: ids are dense, 0..N-1 in creation order. */
public record PartitionInfo(long id, long createdAtMicros) {}
