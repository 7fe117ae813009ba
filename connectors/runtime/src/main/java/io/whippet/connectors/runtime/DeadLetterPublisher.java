package io.whippet.connectors.runtime;

import io.whippet.client.BlockingClient;
import io.whippet.client.Message;
import io.whippet.client.ServerErrorException;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.response.PolledMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a batch a sink could not take to the dead-letter topic: the original payloads, ids and
 * headers, plus headers naming where they came from and why ({@code iggy_dlq_stream}, {@code
 * _topic}, {@code _partition}, {@code _offset}, {@code _error}). Creates the topic (one partition)
 * when missing. Used from one sink task's thread.
 */
final class DeadLetterPublisher {
    private final BlockingClient client;
    private final String stream;
    private final String topic;
    private boolean topicReady;

    DeadLetterPublisher(BlockingClient client, String stream, String topic) {
        this.client = client;
        this.stream = stream;
        this.topic = topic;
    }

    String target() {
        return stream + "/" + topic;
    }

    void publish(String fromStream, String fromTopic, long partitionId, List<PolledMessage> messages, String error) {
        ensureTopic();
        List<Message> letters = new ArrayList<>(messages.size());
        for (PolledMessage message : messages) {
            Map<HeaderValue, HeaderValue> headers = new LinkedHashMap<>(message.userHeaders());
            headers.put(HeaderValue.ofString("iggy_dlq_stream"), HeaderValue.ofString(fromStream));
            headers.put(HeaderValue.ofString("iggy_dlq_topic"), HeaderValue.ofString(fromTopic));
            headers.put(HeaderValue.ofString("iggy_dlq_partition"), HeaderValue.ofUint64(partitionId));
            headers.put(HeaderValue.ofString("iggy_dlq_offset"), HeaderValue.ofUint64(message.offset()));
            headers.put(
                    HeaderValue.ofString("iggy_dlq_error"), HeaderValue.ofString(cut(error.isEmpty() ? "?" : error)));
            letters.add(new Message(
                    message.idLow(), message.idHigh(), message.payload(), headers, message.originTimestampMicros()));
        }
        client.sendMessages(Identifier.of(stream), Identifier.of(topic), Partitioning.balanced(), letters);
    }

    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        if (client.stream(Identifier.of(stream)).isEmpty()) {
            try {
                client.createStream(stream);
            } catch (ServerErrorException e) {
                if (!e.isAlreadyExists()) {
                    throw e;
                }
            }
        }
        if (client.topic(Identifier.of(stream), Identifier.of(topic)).isEmpty()) {
            try {
                client.createTopic(
                        new CreateTopic(Identifier.of(stream), 1, CompressionAlgorithm.NONE, 0, 0, 0, topic));
            } catch (ServerErrorException e) {
                if (!e.isAlreadyExists()) {
                    throw e;
                }
            }
        }
        topicReady = true;
    }

    /** Header values hold at most 255 bytes; cut on a character boundary. */
    private static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= HeaderValue.MAX_LENGTH) {
            return text;
        }
        int end = HeaderValue.MAX_LENGTH;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8);
    }
}
