package io.whippet.it;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.identifier.UserId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.MessageId;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.TopicDetails;
import org.apache.iggy.user.GlobalPermissions;
import org.apache.iggy.user.StreamPermissions;
import org.apache.iggy.user.TopicPermissions;

/** Short spellings of SDK calls the tests repeat, and values that read better by name. */
final class Sdk {
    /** u64::MAX as the SDK reads it: "never expires" / "unlimited". */
    static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    static final GlobalPermissions NO_GLOBAL =
            new GlobalPermissions(false, false, false, false, false, false, false, false, false, false);

    private Sdk() {}

    static StreamId stream(long id) {
        return StreamId.of(id);
    }

    static StreamId stream(String name) {
        return StreamId.of(name);
    }

    static TopicId topic(long id) {
        return TopicId.of(id);
    }

    static TopicId topic(String name) {
        return TopicId.of(name);
    }

    static ConsumerId group(long id) {
        return ConsumerId.of(id);
    }

    static UserId user(long id) {
        return UserId.of(id);
    }

    /** A topic with server defaults for everything but the partition count. */
    static TopicDetails createTopic(IggyBaseClient client, long streamId, long partitions, String name) {
        return client.topics()
                .createTopic(
                        stream(streamId),
                        partitions,
                        CompressionAlgorithm.None,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        Optional.empty(),
                        name);
    }

    static Message text(String payload) {
        return Message.of(payload);
    }

    static Message text(String payload, Map<HeaderKey, HeaderValue> headers) {
        return Message.of(payload, headers);
    }

    /** The same message with a client-chosen id. */
    static Message withId(Message message, MessageId id) {
        MessageHeader header = message.header();
        return new Message(
                new MessageHeader(
                        header.checksum(),
                        id,
                        header.offset(),
                        header.timestamp(),
                        header.originTimestamp(),
                        header.userHeadersLength(),
                        header.payloadLength(),
                        header.reserved()),
                message.payload(),
                message.userHeaders());
    }

    /** Messages {@code prefix-from} .. {@code prefix-(from+count-1)}. */
    static List<Message> texts(String prefix, int from, int count) {
        List<Message> messages = new ArrayList<>();
        IntStream.range(from, from + count).forEach(i -> messages.add(text(prefix + "-" + i)));
        return messages;
    }

    static void send(IggyBaseClient client, long streamId, long topicId, long partitionId, List<Message> messages) {
        client.messages()
                .sendMessages(stream(streamId), topic(topicId), Partitioning.partitionId(partitionId), messages);
    }

    static PolledMessages poll(
            IggyBaseClient client,
            long streamId,
            long topicId,
            long partitionId,
            long consumerId,
            PollingStrategy strategy,
            long count,
            boolean autoCommit) {
        return client.messages()
                .pollMessages(
                        stream(streamId),
                        topic(topicId),
                        Optional.of(partitionId),
                        Consumer.of(consumerId),
                        strategy,
                        count,
                        autoCommit);
    }

    /** Every message of a partition from offset 0 (up to 10 000). */
    static PolledMessages pollAll(IggyBaseClient client, long streamId, long topicId, long partitionId) {
        return poll(client, streamId, topicId, partitionId, 0, PollingStrategy.offset(BigInteger.ZERO), 10_000, false);
    }

    /**
     * A byte size as the SDK hands it out: a plain number over TCP, a human-readable string over
     * HTTP ("0 B", "100.132 KB", "1 KiB"; http-api.md 5.1).
     */
    static long sizeBytes(String size) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(?: ([KMGTPE]?i?B))?")
                .matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException("size: " + size + " (expected: bytes or \"<n> <unit>\")");
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        int power = "BKMGTPE".indexOf(unit.charAt(0));
        java.math.BigDecimal scale =
                java.math.BigDecimal.valueOf(unit.contains("i") ? 1024 : 1000).pow(power);
        return new java.math.BigDecimal(m.group(1)).multiply(scale).longValueExact();
    }

    static String payload(Message message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    static List<String> payloads(PolledMessages polled) {
        return polled.messages().stream().map(Sdk::payload).toList();
    }

    static List<Long> offsets(PolledMessages polled) {
        return polled.messages().stream()
                .map(m -> m.header().offset().longValueExact())
                .toList();
    }

    static GlobalPermissions global(GlobalFlag flag) {
        return new GlobalPermissions(
                flag == GlobalFlag.MANAGE_SERVERS,
                flag == GlobalFlag.READ_SERVERS,
                flag == GlobalFlag.MANAGE_USERS,
                flag == GlobalFlag.READ_USERS,
                flag == GlobalFlag.MANAGE_STREAMS,
                flag == GlobalFlag.READ_STREAMS,
                flag == GlobalFlag.MANAGE_TOPICS,
                flag == GlobalFlag.READ_TOPICS,
                flag == GlobalFlag.POLL_MESSAGES,
                flag == GlobalFlag.SEND_MESSAGES);
    }

    static StreamPermissions streamLevel(StreamFlag flag, Map<Long, TopicPermissions> topics) {
        return new StreamPermissions(
                flag == StreamFlag.MANAGE_STREAM,
                flag == StreamFlag.READ_STREAM,
                flag == StreamFlag.MANAGE_TOPICS,
                flag == StreamFlag.READ_TOPICS,
                flag == StreamFlag.POLL_MESSAGES,
                flag == StreamFlag.SEND_MESSAGES,
                topics);
    }

    static StreamPermissions streamWithTopicOnly(long topicId, TopicFlag flag) {
        return new StreamPermissions(false, false, false, false, false, false, Map.of(topicId, topicLevel(flag)));
    }

    static TopicPermissions topicLevel(TopicFlag flag) {
        return new TopicPermissions(
                flag == TopicFlag.MANAGE_TOPIC,
                flag == TopicFlag.READ_TOPIC,
                flag == TopicFlag.POLL_MESSAGES,
                flag == TopicFlag.SEND_MESSAGES);
    }

    /** The ten global permission flags, in wire order. */
    enum GlobalFlag {
        MANAGE_SERVERS,
        READ_SERVERS,
        MANAGE_USERS,
        READ_USERS,
        MANAGE_STREAMS,
        READ_STREAMS,
        MANAGE_TOPICS,
        READ_TOPICS,
        POLL_MESSAGES,
        SEND_MESSAGES
    }

    /** The six per-stream permission flags, in wire order. */
    enum StreamFlag {
        MANAGE_STREAM,
        READ_STREAM,
        MANAGE_TOPICS,
        READ_TOPICS,
        POLL_MESSAGES,
        SEND_MESSAGES
    }

    /** The four per-topic permission flags, in wire order. */
    enum TopicFlag {
        MANAGE_TOPIC,
        READ_TOPIC,
        POLL_MESSAGES,
        SEND_MESSAGES
    }
}
