package io.whippet.client.producer;

/**
 * How to create a missing topic.
 *
 * @param partitionsCount partitions of the new topic
 * @param messageExpiryMicros 0 = server default, -1 (u64::MAX) = never
 * @param maxTopicSizeBytes 0 = server default, -1 (u64::MAX) = unlimited
 */
public record TopicSetup(long partitionsCount, long messageExpiryMicros, long maxTopicSizeBytes) {
    public static TopicSetup partitions(long partitionsCount) {
        return new TopicSetup(partitionsCount, 0, 0);
    }
}
