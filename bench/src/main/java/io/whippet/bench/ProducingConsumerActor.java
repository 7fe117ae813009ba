package io.whippet.bench;

import io.whippet.client.BlockingClient;
import io.whippet.client.BorrowedMessages;
import io.whippet.client.Message;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * End to end: sends a batch, then polls until a batch's worth of messages came back. Pinned, it
 * writes and reads partition 0 of its own stream by offset; with a group it sends balanced and
 * reads as a member. Latency covers the send and the polls.
 */
final class ProducingConsumerActor implements BenchActor {
    private static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ActorContext context;
    private final @Nullable String groupName;

    ProducingConsumerActor(ActorContext context, @Nullable String groupName) {
        this.context = context;
        this.groupName = groupName;
    }

    @Override
    public ActorResult run() {
        ActorMetrics metrics = context.metrics();
        RateLimiter limiter = context.rateLimiter();
        List<Message> batch = context.batch();
        int perBatch = batch.size();
        Partitioning partitioning = groupName == null ? Partitioning.partitionId(0) : Partitioning.balanced();
        if (groupName != null) {
            BlockingClient.await(
                    context.client().joinConsumerGroup(context.stream(), ActorContext.TOPIC, Identifier.of(groupName)));
        }
        long offset = 0;
        long batches = context.params().workload().batchesPerActor();
        try {
            long measured = 0;
            while (measured < batches) {
                limiter.acquire(context.batchPayloadBytes());
                long start = System.nanoTime();
                BlockingClient.await(
                        context.client().sendMessages(context.stream(), ActorContext.TOPIC, partitioning, batch));
                long received = 0;
                long idleSince = System.nanoTime();
                while (received < perBatch) {
                    long count;
                    try (BorrowedMessages polled =
                            BlockingClient.await(context.client().pollMessagesBorrowed(poll(offset, perBatch)))) {
                        count = ConsumerActor.countMessages(polled.messages());
                    }
                    if (count == 0) {
                        if (System.nanoTime() - idleSince > IDLE_LIMIT_NANOS) {
                            throw new IllegalStateException("actor " + context.actorId() + ": sent batch not readable");
                        }
                        LockSupport.parkNanos(100_000);
                        continue;
                    }
                    received += count;
                    offset += count;
                }
                metrics.record(
                        start, System.nanoTime(), perBatch, context.batchPayloadBytes(), context.batchTotalBytes());
                if (start >= context.measureFromNanos()) {
                    measured++;
                }
            }
        } finally {
            if (groupName != null) {
                BlockingClient.await(context.client()
                        .leaveConsumerGroup(context.stream(), ActorContext.TOPIC, Identifier.of(groupName)));
            }
        }
        return metrics.result(ActorRole.PRODUCING_CONSUMER, context.actorId());
    }

    private PollMessages poll(long offset, int count) {
        if (groupName != null) {
            return new PollMessages(
                    io.whippet.protocol.Consumer.group(Identifier.of(groupName)),
                    context.stream(),
                    ActorContext.TOPIC,
                    OptionalPartitionId.absent(),
                    new PollingStrategy.Next(),
                    count,
                    true);
        }
        return new PollMessages(
                io.whippet.protocol.Consumer.consumer(Identifier.of(context.actorId() + 1)),
                context.stream(),
                ActorContext.TOPIC,
                OptionalPartitionId.of(0),
                new PollingStrategy.Offset(offset),
                count,
                false);
    }
}
