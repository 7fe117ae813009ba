package io.whippet.connectors.api;

/**
 * Where a batch sits in its partition.
 *
 * @param currentOffset the partition's highest offset when the batch was polled
 * @param schema the schema the payloads were decoded with
 */
public record MessagesMetadata(long partitionId, long currentOffset, Schema schema) {}
