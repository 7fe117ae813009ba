package io.whippet.client.consumer;

import io.whippet.client.BlockingClient;
import io.whippet.client.BorrowedMessages;
import io.whippet.client.ConnectionException;
import io.whippet.client.Encryptor;
import io.whippet.client.ServerErrorException;
import io.whippet.client.WhippetClient;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessage;
import io.whippet.protocol.response.PolledMessages;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads a topic and hands each message to a {@link MessageHandler}: either one partition as a
 * single consumer, or the partitions the server assigns to this connection as a member of a
 * consumer group.
 *
 * <p>Offsets: a single consumer starts with the configured {@link PollingStrategy} and then
 * continues from the last delivered offset on its own. A group member polls with "next" (the
 * group's stored offset + 1); a poll that returns only messages this member already delivered
 * (their offsets not stored yet) is dropped and the handled offsets are stored at once, so the
 * group advances under any {@link AutoCommit} mode except {@code disabled}.
 *
 * <p>Rebalances: group membership belongs to the connection, so after a reconnect, or when the
 * server says this connection is not a member (5006), the consumer joins again before its next
 * poll. Partitions move between members as they join and leave; messages handled but not yet
 * stored when a partition moves are delivered again to its new owner (at-least-once). On close the
 * consumer stores what it handled and leaves the group.
 *
 * <p>Poll-ahead: a single consumer (unless told otherwise, and not with {@link AutoCommit#onPoll()})
 * sends its next poll, for the offset after the last message of a reply, before it hands that
 * reply's messages to the handler, so the server sends the next batch while the handler works.
 * The reply sent ahead is used only when it is exactly the poll the consumer would send next (a
 * failed handler moves the offset back, and then it is dropped unread). It stores nothing on the
 * server, so offsets mean what they mean without it. Groups never poll ahead: "next" reads the
 * group's stored offset, which the reply in hand has not advanced yet.
 *
 * <p>Replies are borrowed from the transport ({@link WhippetClient#pollMessagesBorrowed}): each
 * message is copied once, out of the reply, and the reply's buffer goes back to the pool.
 *
 * <p>Threads: {@link #pollOnce} and {@link #commit} are for one thread at a time; {@link #start}
 * runs them on a thread of the consumer's own, which {@link #close} stops. The consumer does not
 * own the client; a group member wants a client (connection) of its own.
 */
public final class Consumer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Consumer.class.getName());

    private final WhippetClient client;
    private final ConsumerConfig config;
    private final io.whippet.protocol.Consumer consumer;
    private final Map<Long, PartitionProgress> progress = new HashMap<>();
    private volatile boolean rejoinNeeded;
    private volatile boolean running;
    private @Nullable Thread loop;
    private long lastCommitNanos = System.nanoTime();
    private boolean closed;
    // The poll sent ahead and the request it carries; the polling thread's only.
    private @Nullable CompletableFuture<BorrowedMessages> ahead;
    private @Nullable PollMessages aheadRequest;

    private Consumer(WhippetClient client, ConsumerConfig config) {
        this.client = client;
        this.config = config;
        this.consumer = config.groupName() == null
                ? io.whippet.protocol.Consumer.consumer(config.consumerId())
                : io.whippet.protocol.Consumer.group(Identifier.of(config.groupName()));
        client.onReconnected(() -> rejoinNeeded = true);
    }

    /** A consumer that reads one partition alone, under the consumer id {@code consumerId}. */
    public static Builder single(
            WhippetClient client, Identifier streamId, Identifier topicId, Identifier consumerId, long partitionId) {
        return new Builder(client, streamId, topicId, consumerId, partitionId, null);
    }

    /** A member of the consumer group {@code groupName} (created when missing unless told otherwise). */
    public static Builder group(WhippetClient client, Identifier streamId, Identifier topicId, String groupName) {
        return new Builder(client, streamId, topicId, Identifier.of(groupName), 0, groupName);
    }

    /**
     * Polls once and hands each new message to {@code handler}, storing offsets as the {@link
     * AutoCommit} mode says. Returns how many messages were handled (0 when there was nothing new).
     */
    public int pollOnce(MessageHandler handler) {
        if (rejoinNeeded && isGroup()) {
            join();
        }
        BorrowedMessages reply;
        try {
            reply = BlockingClient.await(send(nextPoll()));
        } catch (ServerErrorException e) {
            if (e.errorCode() == ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND && isGroup()) {
                rejoinNeeded = true;
                return 0;
            }
            throw e;
        }
        PolledMessages polled;
        List<PolledMessage> messages;
        try (reply) {
            polled = reply.messages();
            messages = polled.decodeMessages();
        }
        commitOnInterval();
        if (messages.isEmpty()) {
            return 0;
        }
        if (pollsAhead()) {
            PollMessages next =
                    singlePoll(new PollingStrategy.Offset(messages.getLast().offset() + 1));
            aheadRequest = next;
            ahead = client.pollMessagesBorrowed(next);
        }
        long partitionId = polled.partitionId();
        PartitionProgress partition = progress.computeIfAbsent(partitionId, id -> new PartitionProgress());
        int handled = 0;
        for (PolledMessage message : messages) {
            if (message.offset() <= partition.lastDelivered) {
                continue; // delivered before; its offset is not stored yet
            }
            partition.lastDelivered = message.offset();
            try {
                handler.handle(new ReceivedMessage(partitionId, polled.currentOffset(), decrypted(message)));
            } catch (Exception e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "handler failed at partition " + partitionId + " offset " + message.offset()
                                + "; the message will be delivered again",
                        e);
                partition.lastDelivered = partition.lastHandled;
                return handled;
            }
            handled++;
            partition.lastHandled = message.offset();
            partition.handledSinceCommit++;
            switch (config.autoCommit()) {
                case AutoCommit.AfterEachMessage each -> store(partitionId, partition);
                case AutoCommit.EveryNthMessage nth -> {
                    if (partition.handledSinceCommit >= nth.n()) {
                        store(partitionId, partition);
                    }
                }
                case AutoCommit.Disabled disabled -> {}
                case AutoCommit.Interval interval -> {}
                case AutoCommit.OnPoll onPoll -> partition.lastCommitted = partition.lastHandled;
                case AutoCommit.AfterPolledBatch batch -> {}
            }
        }
        boolean afterBatch = config.autoCommit() instanceof AutoCommit.AfterPolledBatch;
        boolean progressBlocked = handled == 0 && isGroup() && !(config.autoCommit() instanceof AutoCommit.Disabled);
        if ((afterBatch || progressBlocked) && partition.hasUncommitted()) {
            store(partitionId, partition);
        }
        commitOnInterval();
        return handled;
    }

    /** Polls in a loop on a thread of its own until {@link #close}, pausing when there is nothing new. */
    public synchronized void start(MessageHandler handler) {
        if (loop != null || closed) {
            throw new IllegalStateException("consumer already started or closed");
        }
        running = true;
        loop = Thread.ofPlatform()
                .daemon()
                .name("whippet-consumer-" + config.topicId())
                .start(() -> {
                    while (running) {
                        int handled;
                        try {
                            handled = pollOnce(handler);
                        } catch (ConnectionException e) {
                            LOG.log(System.Logger.Level.DEBUG, "poll failed; retrying", e);
                            handled = 0;
                        } catch (RuntimeException e) {
                            LOG.log(System.Logger.Level.WARNING, "poll failed; retrying", e);
                            handled = 0;
                        }
                        if (handled == 0 && running) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(config.pollIntervalMs()));
                        }
                    }
                });
    }

    /** Stores the last handled offset of every partition that has moved since the last store. */
    public void commit() {
        for (Map.Entry<Long, PartitionProgress> entry : progress.entrySet()) {
            if (entry.getValue().hasUncommitted()) {
                store(entry.getKey(), entry.getValue());
            }
        }
        lastCommitNanos = System.nanoTime();
    }

    /** The reply to {@code request}: the poll sent ahead when it is this very request, else a new poll. */
    private CompletableFuture<BorrowedMessages> send(PollMessages request) {
        CompletableFuture<BorrowedMessages> sentAhead = ahead;
        boolean matches = request.equals(aheadRequest);
        ahead = null;
        aheadRequest = null;
        if (sentAhead != null) {
            if (matches) {
                return sentAhead;
            }
            sentAhead.thenAccept(BorrowedMessages::close);
        }
        return client.pollMessagesBorrowed(request);
    }

    private boolean pollsAhead() {
        return config.pollAhead() && !isGroup() && !(config.autoCommit() instanceof AutoCommit.OnPoll);
    }

    /** Stops polling, stores what was handled and leaves the group. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        Thread current = loop;
        if (current != null) {
            LockSupport.unpark(current);
            try {
                current.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CompletableFuture<BorrowedMessages> sentAhead = ahead;
        ahead = null;
        if (sentAhead != null) {
            sentAhead.thenAccept(BorrowedMessages::close);
        }
        try {
            commit();
            if (isGroup()) {
                BlockingClient.await(client.leaveConsumerGroup(config.streamId(), config.topicId(), consumer.id()));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing consumer: could not store offsets or leave the group", e);
        }
    }

    private boolean isGroup() {
        return config.groupName() != null;
    }

    private PollMessages nextPoll() {
        boolean serverCommits = config.autoCommit() instanceof AutoCommit.OnPoll;
        if (isGroup()) {
            return new PollMessages(
                    consumer,
                    config.streamId(),
                    config.topicId(),
                    OptionalPartitionId.absent(),
                    new PollingStrategy.Next(),
                    config.batchLength(),
                    serverCommits);
        }
        PartitionProgress partition = progress.get(config.partitionId());
        return singlePoll(
                partition == null || partition.lastDelivered < 0
                        ? config.strategy()
                        : new PollingStrategy.Offset(partition.lastDelivered + 1));
    }

    private PollMessages singlePoll(PollingStrategy strategy) {
        boolean serverCommits = config.autoCommit() instanceof AutoCommit.OnPoll;
        return new PollMessages(
                consumer,
                config.streamId(),
                config.topicId(),
                OptionalPartitionId.of(config.partitionId()),
                strategy,
                config.batchLength(),
                serverCommits);
    }

    private void store(long partitionId, PartitionProgress partition) {
        BlockingClient.await(client.storeConsumerOffset(
                consumer,
                config.streamId(),
                config.topicId(),
                OptionalPartitionId.of(partitionId),
                partition.lastHandled));
        partition.lastCommitted = partition.lastHandled;
        partition.handledSinceCommit = 0;
    }

    private void commitOnInterval() {
        if (config.autoCommit() instanceof AutoCommit.Interval interval
                && System.nanoTime() - lastCommitNanos >= TimeUnit.MILLISECONDS.toNanos(interval.intervalMs())) {
            commit();
        }
    }

    private void join() {
        rejoinNeeded = false;
        try {
            BlockingClient.await(client.joinConsumerGroup(config.streamId(), config.topicId(), consumer.id()));
        } catch (RuntimeException e) {
            rejoinNeeded = true;
            throw e;
        }
    }

    /** Settings for a {@link Consumer}. */
    /** The message with its payload decrypted when the consumer has an encryptor. */
    private PolledMessage decrypted(PolledMessage message) {
        Encryptor encryptor = config.encryptor();
        if (encryptor == null) {
            return message;
        }
        return new PolledMessage(
                message.checksum(),
                message.idLow(),
                message.idHigh(),
                message.offset(),
                message.timestampMicros(),
                message.originTimestampMicros(),
                message.userHeaders(),
                encryptor.decrypt(message.payload()));
    }

    public static final class Builder {
        private final WhippetClient client;
        private final Identifier streamId;
        private final Identifier topicId;
        private final Identifier consumerId;
        private final long partitionId;
        private final @Nullable String groupName;
        private PollingStrategy strategy = new PollingStrategy.Next();
        private int batchLength = 1000;
        private long pollIntervalMs = 10;
        private AutoCommit autoCommit = AutoCommit.afterPolledBatch();
        private boolean createGroupIfMissing = true;
        private @Nullable Encryptor encryptor;
        private boolean pollAhead = true;

        private Builder(
                WhippetClient client,
                Identifier streamId,
                Identifier topicId,
                Identifier consumerId,
                long partitionId,
                @Nullable String groupName) {
            this.client = client;
            this.streamId = streamId;
            this.topicId = topicId;
            this.consumerId = consumerId;
            this.partitionId = partitionId;
            this.groupName = groupName;
        }

        /** Where a single consumer starts (default: after its stored offset). Groups always use next. */
        public Builder pollingStrategy(PollingStrategy strategy) {
            this.strategy = strategy;
            return this;
        }

        /** Most messages per poll. */
        public Builder batchLength(int batchLength) {
            if (batchLength < 1) {
                throw new IllegalArgumentException("batch length: " + batchLength + " (expected: >= 1)");
            }
            this.batchLength = batchLength;
            return this;
        }

        /** Pause after a poll that found nothing new. */
        public Builder pollIntervalMs(long pollIntervalMs) {
            this.pollIntervalMs = pollIntervalMs;
            return this;
        }

        public Builder autoCommit(AutoCommit autoCommit) {
            this.autoCommit = autoCommit;
            return this;
        }

        public Builder createGroupIfMissing(boolean create) {
            this.createGroupIfMissing = create;
            return this;
        }

        /**
         * Decrypts every payload before the handler sees it. A payload that fails to decrypt is not
         * handed over: it is logged and retried like a failed handler, so it is never skipped.
         */
        public Builder encryptor(Encryptor encryptor) {
            this.encryptor = encryptor;
            return this;
        }

        /**
         * Whether a single consumer sends its next poll before handling the current reply (default:
         * yes; groups and {@link AutoCommit#onPoll()} never do, see {@link Consumer}).
         */
        public Builder pollAhead(boolean pollAhead) {
            this.pollAhead = pollAhead;
            return this;
        }

        /** For a group: creates it when missing and joins it (blocking). */
        public Consumer build() {
            ConsumerConfig config = new ConsumerConfig(
                    streamId,
                    topicId,
                    consumerId,
                    partitionId,
                    groupName,
                    strategy,
                    batchLength,
                    pollIntervalMs,
                    autoCommit,
                    encryptor,
                    pollAhead);
            if (groupName != null) {
                if (createGroupIfMissing
                        && BlockingClient.await(client.consumerGroup(streamId, topicId, Identifier.of(groupName)))
                                .isEmpty()) {
                    try {
                        BlockingClient.await(client.createConsumerGroup(streamId, topicId, groupName));
                    } catch (ServerErrorException e) {
                        if (!e.isAlreadyExists()) {
                            throw e;
                        }
                    }
                }
                Consumer built = new Consumer(client, config);
                built.join();
                return built;
            }
            return new Consumer(client, config);
        }
    }
}
