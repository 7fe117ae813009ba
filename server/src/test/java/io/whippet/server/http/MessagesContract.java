package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sending and polling messages, and consumer offsets, as every transport must serve them. */
abstract class MessagesContract extends ContractTestBase {
    private long streamId;
    private long topicId;

    @BeforeAll
    void createTopic() {
        StreamDetails stream = client.streams().createStream("messages");
        streamId = stream.id();
        topicId = client.topics()
                .createTopic(
                        streamId,
                        2L,
                        CompressionAlgorithm.None,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        Optional.empty(),
                        "t")
                .id();
    }

    @Test
    void sentMessagesArePolledBackInOrderWithPayloadsAndHeaders() {
        List<Message> batch = IntStream.range(0, 5)
                .mapToObj(i ->
                        Message.of("payload-" + i, Map.of(HeaderKey.fromString("key"), HeaderValue.fromInt32(42 + i))))
                .toList();
        client.messages().sendMessages(streamId, topicId, Partitioning.partitionId(0L), batch);

        PolledMessages polled = client.messages()
                .pollMessages(
                        streamId, topicId, Optional.of(0L), 1L, PollingStrategy.offset(BigInteger.ZERO), 10L, false);

        assertThat(polled.messages()).hasSize(5);
        assertThat(polled.messages())
                .extracting(message -> new String(message.payload(), StandardCharsets.UTF_8))
                .containsExactly("payload-0", "payload-1", "payload-2", "payload-3", "payload-4");
        assertThat(polled.messages().get(3).userHeaders()).containsKey(HeaderKey.fromString("key"));
        assertThat(java.util.Objects.requireNonNull(
                                polled.messages().get(3).userHeaders().get(HeaderKey.fromString("key")))
                        .asInt32())
                .isEqualTo(45);
        assertThat(polled.messages().get(4).header().offset()).isEqualTo(BigInteger.valueOf(4));
    }

    @Test
    void autoCommitStoresTheOffsetSoNextContinuesAfterIt() {
        client.messages()
                .sendMessages(
                        streamId,
                        topicId,
                        Partitioning.partitionId(1L),
                        IntStream.range(0, 4).mapToObj(i -> Message.of("m" + i)).toList());

        PolledMessages first = client.messages()
                .pollMessages(streamId, topicId, Optional.of(1L), 7L, PollingStrategy.next(), 2L, true);
        PolledMessages second = client.messages()
                .pollMessages(streamId, topicId, Optional.of(1L), 7L, PollingStrategy.next(), 2L, true);

        assertThat(first.messages())
                .extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .containsExactly("m0", "m1");
        assertThat(second.messages())
                .extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                .containsExactly("m2", "m3");
        assertThat(client.consumerOffsets().getConsumerOffset(streamId, topicId, Optional.of(1L), 7L))
                .hasValueSatisfying(offset -> assertThat(offset.storedOffset()).isEqualTo(BigInteger.valueOf(3)));
    }

    @Test
    void storedConsumerOffsetIsReadBack() {
        client.messages()
                .sendMessages(
                        streamId,
                        topicId,
                        Partitioning.partitionId(1L),
                        IntStream.range(0, 3).mapToObj(i -> Message.of("o" + i)).toList());

        client.consumerOffsets().storeConsumerOffset(streamId, topicId, Optional.of(1L), 9L, BigInteger.ONE);

        assertThat(client.consumerOffsets().getConsumerOffset(streamId, topicId, Optional.of(1L), 9L))
                .hasValueSatisfying(offset -> assertThat(offset.storedOffset()).isEqualTo(BigInteger.ONE));
    }
}
