package io.whippet.client.producer;

import io.whippet.client.Message;
import io.whippet.protocol.Partitioning;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Messages buffered for one partitioning, sent as one SendMessages request. Filled under the
 * accumulator's lock; once ready it belongs to the sending thread alone.
 */
final class PendingBatch {
    final Partitioning partitioning;
    final List<Message> messages = new ArrayList<>();
    final CompletableFuture<Void> sent = new CompletableFuture<>();
    final long createdNanos;
    long sizeBytes;

    PendingBatch(Partitioning partitioning, long createdNanos) {
        this.partitioning = partitioning;
        this.createdNanos = createdNanos;
    }

    void add(Message message, int bytes) {
        messages.add(message);
        sizeBytes += bytes;
    }
}
