package io.whippet.client.producer;

import io.whippet.client.Message;
import io.whippet.protocol.Partitioning;
import java.util.function.Function;

/**
 * Picks the partitioning of each message. Messages with equal partitionings share a batch, so a
 * partitioner that returns few distinct values batches best. Called on the sending thread; must
 * be thread-safe when several threads send.
 */
@FunctionalInterface
public interface Partitioner {
    Partitioning partition(Message message);

    /** Lets the server pick: round-robin over partitions, one step per batch. */
    static Partitioner balanced() {
        Partitioning balanced = Partitioning.balanced();
        return message -> balanced;
    }

    /** Every message to one partition. */
    static Partitioner partitionId(long partitionId) {
        Partitioning fixed = Partitioning.partitionId(partitionId);
        return message -> fixed;
    }

    /** By key: the server hashes the key (XXH32) onto a partition, so equal keys keep their order. */
    static Partitioner messagesKey(Function<Message, byte[]> key) {
        return message -> Partitioning.messagesKey(key.apply(message));
    }
}
