package io.whippet.client.producer;

import io.whippet.client.Encryptor;
import io.whippet.protocol.Identifier;
import org.jspecify.annotations.Nullable;

/**
 * A producer's settings, built by {@link Producer.Builder}. Defaults follow Iggy's background
 * producer: batches of up to 1000 messages or 1 MiB, 1 ms linger, a 32 MiB buffer that blocks when
 * full, 3 send retries 100 ms apart.
 *
 * @param createStream create the stream (by name) when missing
 * @param topicSetup create the topic (by name) when missing, like this; null = do not create
 * @param encryptor encrypts every payload before it is buffered; null = payloads go as given
 */
record ProducerConfig(
        Identifier streamId,
        Identifier topicId,
        Partitioner partitioner,
        Batching batching,
        Backpressure backpressure,
        Retries retries,
        boolean createStream,
        @Nullable TopicSetup topicSetup,
        @Nullable Encryptor encryptor) {

    /** When a batch is sent: whichever limit is reached first, and the buffer behind them. */
    record Batching(int batchLength, long batchSizeBytes, long lingerMs, long maxBufferBytes) {
        Batching {
            if (batchLength < 1 || batchSizeBytes < 1 || lingerMs < 0 || maxBufferBytes < 1) {
                throw new IllegalArgumentException("batching: " + batchLength + " messages, " + batchSizeBytes
                        + " bytes, " + lingerMs + " ms linger, " + maxBufferBytes
                        + " bytes buffer (expected: positive sizes, linger >= 0)");
            }
        }
    }

    /** Resends after a connection failure: at most {@code maxRetries} times, {@code intervalMs} apart. */
    record Retries(int maxRetries, long intervalMs) {}
}
