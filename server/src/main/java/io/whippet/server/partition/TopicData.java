package io.whippet.server.partition;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The partitions of one topic on this node and the topic-wide state of the data path: the
 * round-robin counter of balanced sends (advanced once per batch, as Iggy does) and the
 * retention settings. The partition list is replaced, never mutated, when partitions are added
 * or removed.
 */
public final class TopicData {
    private final long streamId;
    private final long topicId;
    private final AtomicLong balancedCounter = new AtomicLong();
    private volatile List<Partition> partitions;
    private volatile long messageExpiryMicros;
    private volatile long maxTopicSizeBytes;

    TopicData(
            long streamId, long topicId, List<Partition> partitions, long messageExpiryMicros, long maxTopicSizeBytes) {
        this.streamId = streamId;
        this.topicId = topicId;
        this.partitions = List.copyOf(partitions);
        this.messageExpiryMicros = messageExpiryMicros;
        this.maxTopicSizeBytes = maxTopicSizeBytes;
    }

    public long streamId() {
        return streamId;
    }

    public long topicId() {
        return topicId;
    }

    public List<Partition> partitions() {
        return partitions;
    }

    public int partitionsCount() {
        return partitions.size();
    }

    public Optional<Partition> partition(long partitionId) {
        List<Partition> current = partitions;
        return partitionId >= 0 && partitionId < current.size()
                ? Optional.of(current.get((int) partitionId))
                : Optional.empty();
    }

    /** The partition for the next balanced batch, or empty when the topic has no partitions. */
    public Optional<Partition> nextBalanced() {
        List<Partition> current = partitions;
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                current.get((int) Long.remainderUnsigned(balancedCounter.getAndIncrement(), current.size())));
    }

    /** u64 semantics: -1 (u64::MAX) means never. */
    public long messageExpiryMicros() {
        return messageExpiryMicros;
    }

    /** u64 semantics: -1 (u64::MAX) means unlimited. */
    public long maxTopicSizeBytes() {
        return maxTopicSizeBytes;
    }

    public long sizeBytes() {
        long total = 0;
        for (Partition partition : partitions) {
            total += partition.log().sizeBytes();
        }
        return total;
    }

    public long messagesCount() {
        long total = 0;
        for (Partition partition : partitions) {
            total += partition.log().messagesCount();
        }
        return total;
    }

    void replacePartitions(List<Partition> newPartitions) {
        this.partitions = List.copyOf(newPartitions);
    }

    void retention(long messageExpiryMicros, long maxTopicSizeBytes) {
        this.messageExpiryMicros = messageExpiryMicros;
        this.maxTopicSizeBytes = maxTopicSizeBytes;
    }
}
