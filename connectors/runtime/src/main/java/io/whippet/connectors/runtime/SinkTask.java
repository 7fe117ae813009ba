package io.whippet.connectors.runtime;

import io.whippet.client.BlockingClient;
import io.whippet.client.ServerErrorException;
import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.MessagesMetadata;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.Sink;
import io.whippet.connectors.api.TopicMetadata;
import io.whippet.connectors.runtime.transform.Transforms;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessage;
import io.whippet.protocol.response.PolledMessages;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Moves one (stream, topic) into a sink as a consumer-group member: poll up to {@code
 * batch_length} messages, decode, transform, {@link Sink#consume}, and only then store the group
 * offset (at-least-once). A failed {@code consume} is retried with the same batch after a doubling
 * backoff; when {@link Delivery#maxAttempts()} is used up the batch goes to the dead-letter topic
 * (and the offset moves on) or the connector stops with the error. In {@code at_most_once} mode the
 * server stores the offset as it hands out the batch and failures are only counted (upstream).
 *
 * <p>While a batch is delivered, the next one of the same partition is already being read and
 * decoded (see {@link #readAhead}); delivery and offset stores stay strictly sequential.
 *
 * <p>Runs on a thread of its own ({@code ahead} and {@code readAheadRun} belong to it); {@link
 * #stop} may come from any thread and cuts waits short.
 */
final class SinkTask implements Runnable {
    private static final System.Logger LOG = System.getLogger(SinkTask.class.getName());
    static final int MAX_READ_AHEAD_RUN = 16;

    private final SinkConnector owner;
    private final BlockingClient client;
    private final Sink sink;
    private final SinkStream stream;
    private final String topic;
    private final Transforms transforms;
    private final Delivery delivery;
    private final ConnectorMetrics metrics;
    private final Consumer group;
    private final Sleeper sleeper = new Sleeper();
    private final @Nullable DeadLetterPublisher deadLetters;
    private volatile boolean rejoinNeeded = true;
    private @Nullable CompletableFuture<Prepared> ahead;
    private int readAheadRun;

    SinkTask(
            SinkConnector owner,
            BlockingClient client,
            Sink sink,
            SinkStream stream,
            String topic,
            Transforms transforms,
            ConnectorMetrics metrics) {
        this.owner = owner;
        this.client = client;
        this.sink = sink;
        this.stream = stream;
        this.topic = topic;
        this.transforms = transforms;
        this.delivery = owner.config().delivery();
        this.metrics = metrics;
        this.group = Consumer.group(Identifier.of(stream.consumerGroup()));
        this.deadLetters = delivery.deadLetter()
                ? new DeadLetterPublisher(
                        client,
                        delivery.deadLetterStream().isEmpty() ? stream.stream() : delivery.deadLetterStream(),
                        delivery.deadLetterTopic().isEmpty() ? topic + "_dlq" : delivery.deadLetterTopic())
                : null;
    }

    String name() {
        return owner.config().key() + ":" + stream.stream() + "/" + topic;
    }

    /** Membership belongs to the connection: after a reconnect the task joins again. */
    void rejoin() {
        rejoinNeeded = true;
    }

    void stop() {
        sleeper.wake();
    }

    @Override
    public void run() {
        while (!sleeper.stopped()) {
            Prepared batch;
            boolean wasAhead = ahead != null;
            try {
                if (rejoinNeeded) {
                    ahead = null;
                    wasAhead = false;
                    joinGroup();
                }
                batch = nextBatch();
            } catch (RuntimeException e) {
                if (e instanceof ServerErrorException server
                        && server.errorCode() == ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND) {
                    rejoinNeeded = true;
                }
                metrics.errors.increment();
                owner.statusHolder().recordError("poll " + stream.stream() + "/" + topic + ": " + e.getMessage());
                LOG.log(Level.DEBUG, () -> "poll failed for " + name() + "; retrying", e);
                sleeper.sleep(
                        Duration.ofMillis(Math.max(100, stream.pollInterval().toMillis())));
                continue;
            }
            if (batch.messages().isEmpty()) {
                if (!wasAhead) { // an empty read-ahead (partition reassigned): poll again at once
                    sleeper.sleep(stream.pollInterval());
                }
                continue;
            }
            readAhead(batch.polled(), batch.messages().getLast().offset());
            if (!finish(batch)) {
                return;
            }
        }
    }

    /** The read-ahead batch when one is in flight, else a {@code next} poll of the group, decoded. */
    private Prepared nextBatch() {
        CompletableFuture<Prepared> pending = ahead;
        ahead = null;
        if (pending != null) {
            return BlockingClient.await(pending);
        }
        return prepare(client.pollMessages(new PollMessages(
                group,
                Identifier.of(stream.stream()),
                Identifier.of(topic),
                OptionalPartitionId.absent(),
                new PollingStrategy.Next(),
                stream.batchLength(),
                !delivery.atLeastOnce())));
    }

    /**
     * Asks for the batch after {@code lastOffset} of the same partition, and decodes and transforms
     * it on a virtual thread of its own, while this one is delivered: the poll's round trip and the
     * decoding overlap {@code consume}. The group offset cannot serve ({@code next} reads the stored
     * offset, which moves only after {@code consume}), so the read-ahead names the partition and
     * offset; at-least-once is unchanged (offsets are still stored after {@code consume}, in order).
     * After {@link #MAX_READ_AHEAD_RUN} batches in a row from one partition a {@code next} poll lets
     * the server pick the member's next partition again.
     */
    private void readAhead(PolledMessages polled, long lastOffset) {
        if (!delivery.atLeastOnce() || lastOffset >= polled.currentOffset() || readAheadRun >= MAX_READ_AHEAD_RUN) {
            readAheadRun = 0;
            return;
        }
        readAheadRun++;
        ahead = client.async()
                .pollMessages(new PollMessages(
                        group,
                        Identifier.of(stream.stream()),
                        Identifier.of(topic),
                        OptionalPartitionId.of(polled.partitionId()),
                        new PollingStrategy.Offset(lastOffset + 1),
                        stream.batchLength(),
                        false))
                .thenApplyAsync(
                        this::prepare,
                        command -> Thread.ofVirtual().name("decode-" + name()).start(command));
    }

    /**
     * A polled batch decoded and transformed, ready for {@code consume}.
     *
     * @param decoded the messages that survived decoding and the transforms, in offset order
     */
    private record Prepared(
            PolledMessages polled,
            List<PolledMessage> messages,
            List<ConsumedMessage> decoded,
            long decodeNanos,
            long prepareNanos) {}

    /**
     * Decodes and transforms a polled batch, counting drops. Runs on the task's thread or, for a
     * read-ahead, on a decoding thread while the task delivers the previous batch (never both at
     * once: the future's completion orders them).
     */
    private Prepared prepare(PolledMessages polled) {
        long start = System.nanoTime();
        List<PolledMessage> messages = polled.decodeMessages();
        metrics.consumed.increment(messages.size());
        List<ConsumedMessage> decoded = new ArrayList<>(messages.size());
        List<@Nullable Payload> payloads = new ArrayList<>(messages.size());
        for (PolledMessage message : messages) {
            try {
                payloads.add(PayloadCodec.decode(stream.schema(), message.payload()));
            } catch (RuntimeException e) {
                metrics.errors.increment();
                payloads.add(null);
                LOG.log(Level.WARNING, () -> name() + ": offset " + message.offset() + " dropped: " + e.getMessage());
            }
        }
        long decodedAt = System.nanoTime();
        for (int i = 0; i < messages.size(); i++) {
            Payload payload = payloads.get(i);
            if (payload == null) {
                continue;
            }
            PolledMessage message = messages.get(i);
            try {
                Optional<Payload> transformed = transforms.apply(payload);
                if (transformed.isEmpty()) {
                    metrics.filtered.increment();
                    continue;
                }
                decoded.add(new ConsumedMessage(
                        message.idLow(),
                        message.idHigh(),
                        message.offset(),
                        message.checksum(),
                        message.timestampMicros(),
                        message.originTimestampMicros(),
                        message.userHeaders(),
                        transformed.get()));
            } catch (RuntimeException e) {
                metrics.errors.increment();
                LOG.log(Level.WARNING, () -> name() + ": transform failed at offset " + message.offset(), e);
            }
        }
        long decodeNanos = decodedAt - start;
        long prepareNanos = Sleeper.elapsedNanos(decodedAt);
        if (!messages.isEmpty()) {
            metrics.stage("decode", decodeNanos);
            metrics.stage("prepare", prepareNanos);
        }
        return new Prepared(polled, messages, decoded, decodeNanos, prepareNanos);
    }

    /**
     * A prepared batch through {@code consume} to the stored offset; false when the task must end.
     * The total stage counts the batch's own decoding plus its delivery, not the wait between.
     */
    private boolean finish(Prepared batch) {
        long start = System.nanoTime();
        PolledMessages polled = batch.polled();
        List<PolledMessage> messages = batch.messages();
        List<ConsumedMessage> decoded = batch.decoded();
        long decodingNanos = batch.decodeNanos() + batch.prepareNanos();
        if (!decoded.isEmpty() && !deliver(polled, messages, decoded)) {
            metrics.stage("total", decodingNanos + Sleeper.elapsedNanos(start));
            return false;
        }
        long consumeNanos = Sleeper.elapsedNanos(start);
        metrics.processed.increment(decoded.size());
        if (delivery.atLeastOnce()) {
            storeOffset(polled.partitionId(), messages.getLast().offset());
        }
        long total = decodingNanos + Sleeper.elapsedNanos(start);
        metrics.stage("total", total);
        if (owner.config().benchmark() || owner.config().verbose()) {
            LOG.log(
                    owner.config().verbose() ? Level.INFO : Level.DEBUG,
                    () -> "benchmark connector_key=" + owner.config().key() + " stream=" + stream.stream() + " topic="
                            + topic + " partition_id=" + polled.partitionId() + " current_offset="
                            + polled.currentOffset() + " batch_size=" + messages.size() + " processed_count="
                            + decoded.size() + " decode_us=" + Sleeper.micros(batch.decodeNanos()) + " prepare_us="
                            + Sleeper.micros(batch.prepareNanos()) + " ffi_us=" + Sleeper.micros(consumeNanos)
                            + " total_us=" + Sleeper.micros(total));
        }
        return true;
    }

    /** Calls consume until it succeeds or the attempts run out; false when the task must end. */
    private boolean deliver(PolledMessages polled, List<PolledMessage> raw, List<ConsumedMessage> batch) {
        TopicMetadata topicMetadata = new TopicMetadata(stream.stream(), topic);
        MessagesMetadata batchMetadata =
                new MessagesMetadata(polled.partitionId(), polled.currentOffset(), stream.schema());
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                sink.consume(topicMetadata, batchMetadata, batch);
                metrics.stage("ffi", Sleeper.elapsedNanos(start));
                return true;
            } catch (RuntimeException e) {
                metrics.errors.increment();
                String error = String.valueOf(e.getMessage());
                owner.statusHolder().recordError(error);
                if (!delivery.atLeastOnce()) {
                    LOG.log(Level.WARNING, () -> name() + ": consume failed, batch dropped (at_most_once): " + error);
                    return true;
                }
                if (delivery.maxAttempts() != 0 && attempt >= delivery.maxAttempts()) {
                    return exhausted(polled, raw, error, attempt);
                }
                Duration backoff = delivery.backoffAfter(attempt);
                int failed = attempt;
                LOG.log(
                        Level.WARNING,
                        () -> name() + ": consume failed (attempt " + failed + "), retrying in " + backoff.toMillis()
                                + " ms: " + error);
                metrics.retries.increment();
                if (!sleeper.sleep(backoff)) {
                    return false; // stopping: the offset stays, the batch comes again after restart
                }
            }
        }
    }

    private boolean exhausted(PolledMessages polled, List<PolledMessage> raw, String error, int attempts) {
        if (deadLetters == null) {
            owner.fail(name() + ": batch at offsets " + raw.getFirst().offset() + ".."
                    + raw.getLast().offset() + " failed " + attempts + " times: " + error);
            return false;
        }
        while (!sleeper.stopped()) {
            try {
                deadLetters.publish(stream.stream(), topic, polled.partitionId(), raw, error);
                metrics.deadLettered.increment(raw.size());
                LOG.log(
                        Level.WARNING,
                        () -> name() + ": " + raw.size() + " messages sent to dead-letter topic " + deadLetters.target()
                                + " after " + attempts + " attempts: " + error);
                return true;
            } catch (RuntimeException e) {
                metrics.errors.increment();
                LOG.log(Level.WARNING, () -> name() + ": dead-letter publish failed; retrying", e);
                sleeper.sleep(delivery.maxBackoff());
            }
        }
        return false;
    }

    /**
     * Stores the offset without waiting: requests on one connection are handled in order, so the
     * next poll already sees it, and the round trip overlaps the next batch. A failed store only
     * means the batch is delivered again (a duplicate, not a loss).
     */
    private void storeOffset(long partitionId, long offset) {
        client.async()
                .storeConsumerOffset(
                        group,
                        Identifier.of(stream.stream()),
                        Identifier.of(topic),
                        OptionalPartitionId.of(partitionId),
                        offset)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        metrics.errors.increment();
                        LOG.log(
                                Level.WARNING,
                                () -> name() + ": could not store offset " + offset + ": " + failure.getMessage());
                    }
                });
    }

    private void joinGroup() {
        Identifier streamId = Identifier.of(stream.stream());
        Identifier topicId = Identifier.of(topic);
        Identifier groupId = Identifier.of(stream.consumerGroup());
        if (client.consumerGroup(streamId, topicId, groupId).isEmpty()) {
            try {
                client.createConsumerGroup(streamId, topicId, stream.consumerGroup());
            } catch (ServerErrorException e) {
                if (!e.isAlreadyExists()) {
                    throw e;
                }
            }
        }
        client.joinConsumerGroup(streamId, topicId, groupId);
        rejoinNeeded = false;
    }

    /** Leaves the group, so another member (or a restart) takes the partitions at once. */
    void leaveGroup() {
        try {
            client.leaveConsumerGroup(
                    Identifier.of(stream.stream()), Identifier.of(topic), Identifier.of(stream.consumerGroup()));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> name() + ": leave group failed: " + e.getMessage());
        }
    }
}
