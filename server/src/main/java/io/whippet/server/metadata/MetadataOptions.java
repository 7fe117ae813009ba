package io.whippet.server.metadata;

/**
 * Settings of the metadata model. Sizes and durations are u64 values held in longs, with {@code -1}
 * ({@code u64::MAX}) meaning never / unlimited, as on the wire.
 *
 * @param segmentSizeBytes a topic's custom max size may not be below this (error 1019)
 * @param defaultMessageExpiryMicros what a topic's "0 = server default" expiry resolves to
 * @param defaultMaxTopicSizeBytes what a topic's "0 = server default" max size resolves to
 * @param maxPersonalAccessTokensPerUser a user's token count limit (error 52 beyond it)
 * @param snapshotThresholdBytes once the log is larger than this, a snapshot replaces it
 */
public record MetadataOptions(
        long segmentSizeBytes,
        long defaultMessageExpiryMicros,
        long defaultMaxTopicSizeBytes,
        int maxPersonalAccessTokensPerUser,
        long snapshotThresholdBytes) {

    /** Iggy 0.8.0's defaults: 1 GiB segments, messages never expire, topics unlimited, 100 tokens. */
    public static MetadataOptions defaults() {
        return new MetadataOptions(
                1024L * 1024 * 1024, TopicInfo.NEVER_EXPIRE, TopicInfo.UNLIMITED_SIZE, 100, 4L * 1024 * 1024);
    }

    public MetadataOptions withSnapshotThresholdBytes(long bytes) {
        return new MetadataOptions(
                segmentSizeBytes,
                defaultMessageExpiryMicros,
                defaultMaxTopicSizeBytes,
                maxPersonalAccessTokensPerUser,
                bytes);
    }

    public MetadataOptions withSegmentSizeBytes(long bytes) {
        return new MetadataOptions(
                bytes,
                defaultMessageExpiryMicros,
                defaultMaxTopicSizeBytes,
                maxPersonalAccessTokensPerUser,
                snapshotThresholdBytes);
    }
}
