package io.whippet.client.consumer;

import io.whippet.protocol.response.PolledMessage;

/**
 * A message as a consumer delivers it, with where it came from.
 *
 * @param partitionId the partition it was read from
 * @param currentOffset the partition's highest offset when it was polled (to measure lag)
 */
public record ReceivedMessage(long partitionId, long currentOffset, PolledMessage message) {
    public long offset() {
        return message.offset();
    }
}
