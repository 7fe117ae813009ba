package io.whippet.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.client.BlockingClient;
import io.whippet.client.ConnectionString;
import io.whippet.client.Message;
import io.whippet.client.tcp.TcpClient;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.testing.EmbeddedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConsumerTest {
    private static EmbeddedServer server;
    private BlockingClient client;
    private Identifier stream;
    private final Identifier topic = Identifier.of("t");
    private final Identifier consumerId = Identifier.of(11);

    @BeforeAll
    static void startServer() {
        server = EmbeddedServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createTopicWithMessages() {
        client = new BlockingClient(TcpClient.create(ConnectionString.parse(server.connectionString())));
        String name = "consumer-" + UUID.randomUUID();
        stream = Identifier.of(name);
        client.createStream(name);
        client.createTopic(new CreateTopic(stream, 1, CompressionAlgorithm.NONE, 0, 0, 0, "t"));
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            messages.add(Message.of("m" + i));
        }
        client.sendMessages(stream, topic, Partitioning.partitionId(0), messages);
    }

    @AfterEach
    void cleanUp() {
        client.deleteStream(stream);
        client.close();
    }

    private Consumer.Builder single() {
        return Consumer.single(client.async(), stream, topic, consumerId, 0)
                .pollingStrategy(new PollingStrategy.First())
                .batchLength(10);
    }

    private OptionalLong storedOffset() {
        return client.consumerOffset(
                        io.whippet.protocol.Consumer.consumer(consumerId), stream, topic, OptionalPartitionId.of(0))
                .map(info -> OptionalLong.of(info.storedOffset()))
                .orElse(OptionalLong.empty());
    }

    @Test
    void singleConsumerStartsWhereToldAndContinuesFromItsOwnPosition() {
        List<Long> offsets = new ArrayList<>();
        try (Consumer consumer = single().autoCommit(AutoCommit.disabled()).build()) {
            assertThat(consumer.pollOnce(message -> offsets.add(message.offset())))
                    .isEqualTo(10);
            assertThat(consumer.pollOnce(message -> offsets.add(message.offset())))
                    .isEqualTo(10);
            assertThat(consumer.pollOnce(message -> offsets.add(message.offset())))
                    .isEqualTo(5);
            assertThat(consumer.pollOnce(message -> offsets.add(message.offset())))
                    .isZero();
        }
        assertThat(offsets).hasSize(25).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void afterPolledBatchStoresTheLastHandledOffset() {
        try (Consumer consumer = single().build()) {
            consumer.pollOnce(message -> {});
            assertThat(storedOffset()).hasValue(9);
        }
    }

    @Test
    void everyNthMessageStoresOnEachNth() {
        try (Consumer consumer =
                single().autoCommit(AutoCommit.everyNthMessage(3)).build()) {
            consumer.pollOnce(message -> {});
            assertThat(storedOffset()).hasValue(8);
        }
    }

    @Test
    void afterEachMessageStoresEveryHandledOffset() {
        List<OptionalLong> storedWhileHandling = new ArrayList<>();
        try (Consumer consumer =
                single().autoCommit(AutoCommit.afterEachMessage()).build()) {
            consumer.pollOnce(message -> storedWhileHandling.add(storedOffset()));
            assertThat(storedOffset()).hasValue(9);
        }
        assertThat(storedWhileHandling.get(1)).hasValue(0);
        assertThat(storedWhileHandling.get(9)).hasValue(8);
    }

    @Test
    void disabledStoresNothingUntilCommitAndCloseStoresTheRest() {
        try (Consumer consumer = single().autoCommit(AutoCommit.disabled()).build()) {
            consumer.pollOnce(message -> {});
            assertThat(storedOffset()).isEmpty();
            consumer.commit();
            assertThat(storedOffset()).hasValue(9);
            consumer.pollOnce(message -> {});
        }
        assertThat(storedOffset()).hasValue(19);
    }

    @Test
    void onPollLetsTheServerStoreTheOffset() {
        try (Consumer consumer = single().autoCommit(AutoCommit.onPoll()).build()) {
            consumer.pollOnce(message -> {});
            assertThat(storedOffset()).hasValue(9);
        }
    }

    @Test
    void aFailedHandlerGetsTheMessageAgainAndItsOffsetIsNotStored() {
        List<Long> offsets = new ArrayList<>();
        boolean[] failed = {false};
        try (Consumer consumer = single().build()) {
            int handled = consumer.pollOnce(message -> {
                if (message.offset() == 5 && !failed[0]) {
                    failed[0] = true;
                    throw new IllegalStateException("boom");
                }
                offsets.add(message.offset());
            });
            assertThat(handled).isEqualTo(5);
            assertThat(storedOffset()).isEmpty();
            consumer.pollOnce(message -> offsets.add(message.offset()));
        }
        assertThat(offsets).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
    }

    @Test
    void pollingAheadDeliversEveryMessageOnceAlsoWhenMoreArriveAtTheTail() {
        for (boolean pollAhead : new boolean[] {true, false}) {
            List<Long> offsets = new ArrayList<>();
            try (Consumer consumer = single().pollAhead(pollAhead).build()) {
                consumer.pollOnce(message -> offsets.add(message.offset()));
                consumer.pollOnce(message -> offsets.add(message.offset()));
                consumer.pollOnce(message -> offsets.add(message.offset()));
                if (pollAhead) {
                    client.sendMessages(stream, topic, Partitioning.partitionId(0), List.of(Message.of("late")));
                }
                // The poll sent ahead may have found the tail before the late message arrived.
                for (int attempt = 0; attempt < 3 && offsets.size() < 26; attempt++) {
                    consumer.pollOnce(message -> offsets.add(message.offset()));
                }
            }
            assertThat(offsets)
                    .as("poll ahead: %s", pollAhead)
                    .hasSize(26)
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(storedOffset()).hasValue(25);
        }
    }

    @Test
    void closingWithAPollSentAheadStoresOnlyWhatWasHandled() {
        try (Consumer consumer = single().build()) {
            assertThat(consumer.pollOnce(message -> {})).isEqualTo(10);
        }
        assertThat(storedOffset()).hasValue(9);
        try (Consumer next = Consumer.single(client.async(), stream, topic, consumerId, 0)
                .batchLength(100)
                .build()) {
            List<Long> offsets = new ArrayList<>();
            next.pollOnce(message -> offsets.add(message.offset()));
            assertThat(offsets).first().isEqualTo(10L);
        }
    }

    @Test
    void aNewConsumerResumesAfterTheStoredOffset() {
        try (Consumer first = single().build()) {
            first.pollOnce(message -> {});
        }
        List<Long> offsets = new ArrayList<>();
        try (Consumer second = Consumer.single(client.async(), stream, topic, consumerId, 0)
                .batchLength(100)
                .build()) {
            second.pollOnce(message -> offsets.add(message.offset()));
        }
        assertThat(offsets).first().isEqualTo(10L);
        assertThat(offsets).hasSize(15);
    }

    @Test
    void groupMemberJoinsOnBuildAndLeavesOnClose() {
        Identifier group = Identifier.of("g");
        List<Long> offsets = new ArrayList<>();
        try (Consumer member =
                Consumer.group(client.async(), stream, topic, "g").build()) {
            assertThat(client.consumerGroup(stream, topic, group).orElseThrow().members())
                    .hasSize(1);
            while (member.pollOnce(message -> offsets.add(message.offset())) > 0) {}
        }
        assertThat(offsets).hasSize(25).isSorted();
        assertThat(client.consumerGroup(stream, topic, group).orElseThrow().members())
                .isEmpty();
    }

    @Test
    void aMemberThatLostItsMembershipJoinsAgainAndKeepsReading() {
        Identifier group = Identifier.of("g");
        List<Long> offsets = new ArrayList<>();
        try (Consumer member = Consumer.group(client.async(), stream, topic, "g")
                .batchLength(10)
                .build()) {
            assertThat(member.pollOnce(message -> offsets.add(message.offset())))
                    .isEqualTo(10);
            // What a server restart or a dropped connection does to a member: its membership is gone.
            client.leaveConsumerGroup(stream, topic, group);
            assertThat(member.pollOnce(message -> offsets.add(message.offset())))
                    .isZero();
            assertThat(client.consumerGroup(stream, topic, group).orElseThrow().members())
                    .isEmpty();
            while (member.pollOnce(message -> offsets.add(message.offset())) > 0) {}
            assertThat(client.consumerGroup(stream, topic, group).orElseThrow().members())
                    .hasSize(1);
        }
        assertThat(offsets).hasSize(25).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void everyPollingStrategyPicksItsStart() {
        assertThat(firstOffsetWith(new PollingStrategy.First())).isEqualTo(0);
        assertThat(firstOffsetWith(new PollingStrategy.Offset(20))).isEqualTo(20);
        assertThat(firstOffsetWith(new PollingStrategy.Last())).isEqualTo(15);
        assertThat(firstOffsetWith(new PollingStrategy.Next())).isEqualTo(0);
        assertThat(firstOffsetWith(new PollingStrategy.Timestamp(0))).isEqualTo(0);
        assertThat(firstOffsetWith(new PollingStrategy.Timestamp(Long.MAX_VALUE)))
                .isEqualTo(-1);
    }

    private long firstOffsetWith(PollingStrategy strategy) {
        List<Long> offsets = new ArrayList<>();
        try (Consumer consumer = single().pollingStrategy(strategy)
                .autoCommit(AutoCommit.disabled())
                .build()) {
            consumer.pollOnce(message -> offsets.add(message.offset()));
        }
        if (storedOffset().isPresent()) {
            client.deleteConsumerOffset(
                    io.whippet.protocol.Consumer.consumer(consumerId), stream, topic, OptionalPartitionId.of(0));
        }
        return offsets.isEmpty() ? -1 : offsets.getFirst();
    }
}
