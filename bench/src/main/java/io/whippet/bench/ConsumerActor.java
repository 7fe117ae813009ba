package io.whippet.bench;

import io.whippet.client.BlockingClient;
import io.whippet.client.BorrowedMessages;
import io.whippet.client.consumer.AutoCommit;
import io.whippet.client.consumer.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessages;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Polls until it has read its share: a pinned consumer reads partition 0 of its stream from offset
 * 0 under its own consumer id; a group member polls "next" with server-side auto-commit until its
 * group has read the group's share. An empty poll (a consumer ahead of its producers) waits 1 ms
 * and is not counted. Latency is from asking for a batch to having it (with poll-ahead, the poll
 * itself went out earlier, as with Kafka's consumer). Replies are borrowed from the client's
 * buffers and closed after counting: no copy of the messages.
 */
final class ConsumerActor implements BenchActor {
    private static final long IDLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ActorContext context;
    private final @Nullable String groupName;
    private final AtomicLong groupRemaining;
    // The poll sent ahead (pinned consumers only) and the offset it asked for; the actor's thread only.
    private @Nullable CompletableFuture<BorrowedMessages> ahead;
    private long aheadOffset;

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
                    try (BorrowedMessages polled = reply(offset, perBatch, target)) {
                        count = countMessages(polled.messages());
                    }
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
            dropPollAhead();
            if (highLevel != null) {
                highLevel.close();
            } else if (groupName != null) {
                BlockingClient.await(context.client()
                        .leaveConsumerGroup(context.stream(), ActorContext.TOPIC, Identifier.of(groupName)));
            }
        }
        return metrics.result(ActorRole.CONSUMER, context.actorId());
    }

    /**
     * The reply for {@code offset}: the poll sent ahead when it asked for that offset, else a new
     * one. A pinned consumer with poll-ahead then sends the poll that follows a full reply before
     * waiting, so the server streams the next batch while this one is read (as Kafka's consumer
     * fetches ahead). When the reply falls short, the poll sent ahead asked for the wrong offset
     * and is dropped unread.
     */
    private BorrowedMessages reply(long offset, int count, long target) {
        CompletableFuture<BorrowedMessages> current;
        if (ahead != null && aheadOffset == offset) {
            current = ahead;
            ahead = null;
        } else {
            dropPollAhead();
            current = context.client().pollMessagesBorrowed(poll(offset, count));
        }
        if (groupName == null && context.params().pollAhead() && offset + count < target) {
            aheadOffset = offset + count;
            ahead = context.client().pollMessagesBorrowed(poll(aheadOffset, count));
        }
        return BlockingClient.await(current);
    }

    private void dropPollAhead() {
        CompletableFuture<BorrowedMessages> dropped = ahead;
        ahead = null;
        if (dropped != null) {
            dropped.thenAccept(BorrowedMessages::close);
        }
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
