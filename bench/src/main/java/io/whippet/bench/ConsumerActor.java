package io.whippet.bench;

import io.whippet.client.BlockingClient;
import io.whippet.client.consumer.AutoCommit;
import io.whippet.client.consumer.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessages;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Polls until it has read its share: a pinned consumer reads partition 0 of its stream from offset
 * 0 under its own consumer id; a group member polls "next" with server-side auto-commit until its
 * group has read the group's share. An empty poll (a consumer ahead of its producers) waits 1 ms
 * and is not counted. Latency is poll to reply.
 */
final class ConsumerActor implements BenchActor {
    private static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ActorContext context;
    private final @Nullable String groupName;
    private final AtomicLong groupRemaining;

    /** {@code groupName} null for a pinned consumer; {@code groupRemaining} is shared by a group. */
    ConsumerActor(ActorContext context, @Nullable String groupName, AtomicLong groupRemaining) {
        this.context = context;
        this.groupName = groupName;
        this.groupRemaining = groupRemaining;
    }

    @Override
    public ActorResult run() {
        ActorMetrics metrics = context.metrics();
        RateLimiter limiter = context.rateLimiter();
        int perBatch = context.params().workload().messagesPerBatch();
        long target = context.params().workload().messagesPerActor();
        int messageSize = context.params().workload().messageSizeBytes();
        Consumer highLevel = context.params().highLevelApi() ? highLevelConsumer(perBatch) : null;
        if (groupName != null && highLevel == null) {
            BlockingClient.await(
                    context.client().joinConsumerGroup(context.stream(), ActorContext.TOPIC, Identifier.of(groupName)));
        }
        long offset = 0;
        long read = 0;
        long idleSince = System.nanoTime();
        try {
            while (groupName == null ? read < target : groupRemaining.get() > 0) {
                limiter.acquire(context.batchPayloadBytes());
                long start = System.nanoTime();
                long count;
                if (highLevel != null) {
                    count = highLevel.pollOnce(message -> {});
                } else {
                    PolledMessages polled =
                            BlockingClient.await(context.client().pollMessages(poll(offset, perBatch)));
                    count = countMessages(polled);
                }
                long end = System.nanoTime();
                if (count == 0) {
                    if (end - idleSince > IDLE_LIMIT_NANOS) {
                        System.err.println("bench: consumer " + context.actorId() + " got nothing for 30 s; stopping");
                        break;
                    }
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                idleSince = end;
                offset += count;
                read += count;
                groupRemaining.addAndGet(-count);
                metrics.record(start, end, count, count * messageSize, count * (messageSize + 64L));
            }
        } finally {
            if (highLevel != null) {
                highLevel.close();
            } else if (groupName != null) {
                BlockingClient.await(context.client()
                        .leaveConsumerGroup(context.stream(), ActorContext.TOPIC, Identifier.of(groupName)));
            }
        }
        return metrics.result(ActorRole.CONSUMER, context.actorId());
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

    private Consumer highLevelConsumer(int perBatch) {
        Consumer.Builder builder = groupName != null
                ? Consumer.group(context.client(), context.stream(), ActorContext.TOPIC, groupName)
                : Consumer.single(
                                context.client(),
                                context.stream(),
                                ActorContext.TOPIC,
                                Identifier.of(context.actorId() + 1),
                                0)
                        .pollingStrategy(new PollingStrategy.First());
        return builder.batchLength(perBatch).autoCommit(AutoCommit.onPoll()).build();
    }

    /** Messages in a reply, counted from their headers (no decoding of payloads). */
    static long countMessages(PolledMessages polled) {
        ByteBuffer area = polled.messages();
        long count = 0;
        int position = area.position();
        while (position < area.limit()) {
            long size = MessageLayout.messageSize(area, position);
            if (size < 0) {
                break;
            }
            position += (int) size;
            count++;
        }
        return count;
    }
}
