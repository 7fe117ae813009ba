package io.whippet.client.consumer;

import io.whippet.client.Encryptor;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.PollingStrategy;
import org.jspecify.annotations.Nullable;

/**
 * A consumer's settings, built by {@link Consumer.Builder}.
 *
 * @param consumerId the consumer id of a single consumer (the group name for a group member)
 * @param partitionId the partition a single consumer reads (unused for a group)
 * @param groupName the group to join; null for a single consumer
 * @param encryptor decrypts every payload before the handler sees it; null = payloads as polled
 * @param pollAhead a single consumer sends its next poll before handing out the current one
 */
record ConsumerConfig(
        Identifier streamId,
        Identifier topicId,
        Identifier consumerId,
        long partitionId,
        @Nullable String groupName,
        PollingStrategy strategy,
        int batchLength,
        long pollIntervalMs,
        AutoCommit autoCommit,
        @Nullable Encryptor encryptor,
        boolean pollAhead) {}
