package io.whippet.storage;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;

/**
 * How one partition stores and syncs its log.
 *
 * @param segmentSizeBytes the active segment is rolled before a batch would take it past this size
 *     (at most {@link Integer#MAX_VALUE}, since index positions are 32-bit)
 * @param enforceFsync acknowledge a batch only after an fsync covers it (group commit)
 * @param flushIntervalMs without enforceFsync: fsync unsynced data this often (0 = never by time)
 * @param flushMessagesThreshold without enforceFsync: fsync once this many messages are unsynced
 *     (0 = no threshold)
 * @param flushBytesThreshold without enforceFsync: fsync once this many bytes are unsynced (0 = no
 *     threshold)
 * @param validateChecksumOnRead verify every message's checksum on read instead of trusting the file
 */
public record PartitionConfig(
        long segmentSizeBytes,
        boolean enforceFsync,
        long flushIntervalMs,
        long flushMessagesThreshold,
        long flushBytesThreshold,
        boolean validateChecksumOnRead) {

    public static final long DEFAULT_SEGMENT_SIZE_BYTES = 1L << 30;

    /**
     * Whether anything but a close fsyncs this partition: enforce_fsync, an interval or a
     * threshold. Without any, sealed segments are left to the kernel's writeback too (as Iggy does
     * without enforce_fsync), so retention may delete them before they ever reach the disk.
     */
    public boolean fsyncs() {
        return enforceFsync || flushIntervalMs > 0 || flushMessagesThreshold > 0 || flushBytesThreshold > 0;
    }

    public PartitionConfig {
        if (segmentSizeBytes < 1 || segmentSizeBytes > Integer.MAX_VALUE) {
            throw new WhippetException(
                    ErrorCode.INVALID_SEGMENT_SIZE,
                    "segmentSizeBytes: " + segmentSizeBytes + " (expected: 1.." + Integer.MAX_VALUE + ")");
        }
        if (flushIntervalMs < 0 || flushMessagesThreshold < 0 || flushBytesThreshold < 0) {
            throw new WhippetException(ErrorCode.INVALID_CONFIGURATION, "flush settings must not be negative");
        }
    }

    public static PartitionConfig defaults() {
        return new PartitionConfig(DEFAULT_SEGMENT_SIZE_BYTES, false, 1000, 0, 0, false);
    }

    public PartitionConfig withSegmentSizeBytes(long value) {
        return new PartitionConfig(
                value,
                enforceFsync,
                flushIntervalMs,
                flushMessagesThreshold,
                flushBytesThreshold,
                validateChecksumOnRead);
    }

    public PartitionConfig withEnforceFsync(boolean value) {
        return new PartitionConfig(
                segmentSizeBytes,
                value,
                flushIntervalMs,
                flushMessagesThreshold,
                flushBytesThreshold,
                validateChecksumOnRead);
    }

    public PartitionConfig withFlushThresholds(long intervalMs, long messages, long bytes) {
        return new PartitionConfig(segmentSizeBytes, enforceFsync, intervalMs, messages, bytes, validateChecksumOnRead);
    }

    public PartitionConfig withValidateChecksumOnRead(boolean value) {
        return new PartitionConfig(
                segmentSizeBytes, enforceFsync, flushIntervalMs, flushMessagesThreshold, flushBytesThreshold, value);
    }
}
