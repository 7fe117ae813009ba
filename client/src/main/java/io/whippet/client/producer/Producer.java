package io.whippet.client.producer;

import io.whippet.client.BlockingClient;
import io.whippet.client.ConnectionException;
import io.whippet.client.Encryptor;
import io.whippet.client.Message;
import io.whippet.client.ServerErrorException;
import io.whippet.client.WhippetClient;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.command.CreateTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A background-batching producer for one topic. {@code send} buffers messages (blocking or failing
 * per {@link Backpressure} when the buffer is full) and returns a future that completes when the
 * server has acknowledged the batch holding them. One sending thread groups messages into batches
 * per partitioning and sends one batch at a time, so messages of one partition keep the order in
 * which {@code send} was called; after a connection failure a batch is resent, so a message can
 * arrive twice (at-least-once) but is never reordered behind a later batch.
 *
 * <pre>{@code
 * try (Producer producer = Producer.builder(client, Identifier.of("orders"), Identifier.of("new"))
 *         .partitioner(Partitioner.messagesKey(m -> customerId(m)))
 *         .linger(5)
 *         .createTopicIfMissing(TopicSetup.partitions(3))
 *         .build()) {
 *     producer.send(Message.of("hello"));
 * } // close flushes
 * }</pre>
 *
 * The producer does not own the client: close it separately.
 */
public final class Producer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Producer.class.getName());

    private final WhippetClient client;
    private final ProducerConfig config;
    private final BufferBudget budget;
    private final BatchAccumulator accumulator;
    private final Thread sender;

    private Producer(WhippetClient client, ProducerConfig config) {
        this.client = client;
        this.config = config;
        this.budget = new BufferBudget(config.batching().maxBufferBytes());
        this.accumulator = new BatchAccumulator(
                config.batching().batchLength(),
                config.batching().batchSizeBytes(),
                config.batching().lingerMs());
        this.sender = Thread.ofPlatform()
                .daemon()
                .name("whippet-producer-" + config.streamId() + "-" + config.topicId())
                .start(this::sendLoop);
    }

    public static Builder builder(WhippetClient client, Identifier streamId, Identifier topicId) {
        return new Builder(client, streamId, topicId);
    }

    /** Buffers one message, partitioned by the producer's partitioner. */
    public CompletableFuture<Void> send(Message message) {
        return send(config.partitioner().partition(message), message);
    }

    /** Buffers messages in order; the future completes when all of them are acknowledged. */
    public CompletableFuture<Void> send(List<Message> messages) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        CompletableFuture<Void> last = null;
        for (Message message : messages) {
            CompletableFuture<Void> batch = send(message);
            if (batch != last) {
                sent.add(batch);
                last = batch;
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** Buffers one message with an explicit partitioning, bypassing the partitioner. */
    public CompletableFuture<Void> send(Partitioning partitioning, Message plain) {
        Encryptor encryptor = config.encryptor();
        Message message = encryptor == null
                ? plain
                : new Message(
                        plain.idLow(),
                        plain.idHigh(),
                        encryptor.encrypt(plain.payload()),
                        plain.userHeaders(),
                        plain.originTimestampMicros());
        int bytes = message.encodedSize();
        try {
            budget.acquire(bytes, config.backpressure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while waiting for producer buffer space", e);
        }
        try {
            return accumulator.add(partitioning, message, bytes);
        } catch (RuntimeException e) {
            budget.release(bytes);
            throw e;
        }
    }

    /** Sends everything buffered now; completes when all of it is acknowledged. */
    public CompletableFuture<Void> flush() {
        return accumulator.flush();
    }

    /** Bytes buffered or in flight. */
    public long bufferedBytes() {
        return budget.usedBytes();
    }

    /** Sends everything still buffered, then stops the sending thread. */
    @Override
    public void close() {
        accumulator.close();
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendLoop() {
        try {
            while (true) {
                List<PendingBatch> batches = accumulator.awaitReady();
                if (batches.isEmpty()) {
                    return;
                }
                for (PendingBatch batch : batches) {
                    sendWithRetries(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendWithRetries(PendingBatch batch) throws InterruptedException {
        int attempt = 0;
        while (true) {
            try {
                BlockingClient.await(
                        client.sendMessages(config.streamId(), config.topicId(), batch.partitioning, batch.messages));
                finish(batch, null);
                return;
            } catch (ConnectionException e) {
                if (attempt >= config.retries().maxRetries()) {
                    finish(batch, e);
                    return;
                }
                attempt++;
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "send of {0} messages failed ({1}); retry {2} of {3}",
                        batch.messages.size(),
                        e.getMessage(),
                        attempt,
                        config.retries().maxRetries());
                Thread.sleep(config.retries().intervalMs());
            } catch (RuntimeException e) {
                // A refusal (unknown topic, bad partition, ...) will not change on a resend.
                finish(batch, e);
                return;
            }
        }
    }

    private void finish(PendingBatch batch, @Nullable RuntimeException failure) {
        budget.release(batch.sizeBytes);
        if (failure == null) {
            batch.sent.complete(null);
        } else {
            LOG.log(System.Logger.Level.WARNING, "dropping a batch of " + batch.messages.size() + " messages", failure);
            batch.sent.completeExceptionally(failure);
        }
    }

    /** Settings for a {@link Producer}; see {@link ProducerConfig} for the defaults. */
    public static final class Builder {
        private final WhippetClient client;
        private final Identifier streamId;
        private final Identifier topicId;
        private Partitioner partitioner = Partitioner.balanced();
        private int batchLength = 1000;
        private long batchSizeBytes = 1 << 20;
        private long lingerMs = 1;
        private long maxBufferBytes = 32L << 20;
        private Backpressure backpressure = Backpressure.block();
        private int maxRetries = 3;
        private long retryIntervalMs = 100;
        private boolean createStream;
        private @Nullable TopicSetup topicSetup;
        private @Nullable Encryptor encryptor;

        private Builder(WhippetClient client, Identifier streamId, Identifier topicId) {
            this.client = client;
            this.streamId = streamId;
            this.topicId = topicId;
        }

        public Builder partitioner(Partitioner partitioner) {
            this.partitioner = partitioner;
            return this;
        }

        /** Most messages per batch. */
        public Builder batchLength(int batchLength) {
            this.batchLength = batchLength;
            return this;
        }

        /** Most bytes per batch (message headers included). */
        public Builder batchSizeBytes(long batchSizeBytes) {
            this.batchSizeBytes = batchSizeBytes;
            return this;
        }

        /** How long a batch may wait for more messages; 0 sends as soon as the sender is free. */
        public Builder lingerMs(long lingerMs) {
            this.lingerMs = lingerMs;
            return this;
        }

        /** Bytes buffered and in flight before {@code send} applies backpressure. */
        public Builder maxBufferBytes(long maxBufferBytes) {
            this.maxBufferBytes = maxBufferBytes;
            return this;
        }

        public Builder backpressure(Backpressure backpressure) {
            this.backpressure = backpressure;
            return this;
        }

        public Builder retries(int maxRetries, long intervalMs) {
            this.maxRetries = maxRetries;
            this.retryIntervalMs = intervalMs;
            return this;
        }

        /** Creates the stream when missing (the stream id must be a name). */
        public Builder createStreamIfMissing() {
            this.createStream = true;
            return this;
        }

        /** Creates the stream and the topic when missing (both ids must be names). */
        public Builder createTopicIfMissing(TopicSetup setup) {
            this.createStream = true;
            this.topicSetup = setup;
            return this;
        }

        /** Encrypts every payload (AES-256-GCM) before it leaves this process; user headers stay plain. */
        public Builder encryptor(Encryptor encryptor) {
            this.encryptor = encryptor;
            return this;
        }

        /** Creates what is missing (blocking), then starts the sending thread. */
        public Producer build() {
            ProducerConfig config = new ProducerConfig(
                    streamId,
                    topicId,
                    partitioner,
                    new ProducerConfig.Batching(batchLength, batchSizeBytes, lingerMs, maxBufferBytes),
                    backpressure,
                    new ProducerConfig.Retries(maxRetries, retryIntervalMs),
                    createStream,
                    topicSetup,
                    encryptor);
            TopicProvisioner.ensure(
                    client, config.streamId(), config.topicId(), config.createStream(), config.topicSetup());
            return new Producer(client, config);
        }
    }

    static CreateTopic createTopic(Identifier streamId, String name, TopicSetup setup) {
        return new CreateTopic(
                streamId,
                setup.partitionsCount(),
                CompressionAlgorithm.NONE,
                setup.messageExpiryMicros(),
                setup.maxTopicSizeBytes(),
                0,
                name);
    }

    static boolean alreadyExists(RuntimeException e) {
        return e instanceof ServerErrorException refused && refused.isAlreadyExists();
    }
}
