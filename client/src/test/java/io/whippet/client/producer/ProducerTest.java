package io.whippet.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.client.BlockingClient;
import io.whippet.client.ConnectionString;
import io.whippet.client.Message;
import io.whippet.client.ServerErrorException;
import io.whippet.client.tcp.TcpClient;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessage;
import io.whippet.testing.EmbeddedServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProducerTest {
    private static EmbeddedServer server;
    private BlockingClient client;
    private Identifier stream;
    private final Identifier topic = Identifier.of("t");

    @BeforeAll
    static void startServer() {
        server = EmbeddedServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() {
        client = new BlockingClient(TcpClient.create(ConnectionString.parse(server.connectionString())));
        stream = Identifier.of("producer-" + UUID.randomUUID());
    }

    @AfterEach
    void cleanUp() {
        try {
            client.deleteStream(stream);
        } catch (ServerErrorException e) {
            // the test did not create it
        }
        client.close();
    }

    private List<PolledMessage> readAll(long partitionId) {
        return client.pollMessages(new PollMessages(
                        Consumer.consumer(Identifier.of(1)),
                        stream,
                        topic,
                        OptionalPartitionId.of(partitionId),
                        new PollingStrategy.First(),
                        100_000,
                        false))
                .decodeMessages();
    }

    private static Message keyed(int key, int sequence) {
        return Message.of(ByteBuffer.allocate(8).putInt(key).putInt(sequence).array());
    }

    @Test
    void createsTheTopicAndDeliversEveryMessageInOrderPerKey() {
        int keys = 5;
        int perKey = 2_000;
        try (Producer producer = Producer.builder(client.async(), stream, topic)
                .partitioner(Partitioner.messagesKey(message -> Arrays.copyOf(message.payload(), 4)))
                .batchLength(100)
                .lingerMs(2)
                .createTopicIfMissing(TopicSetup.partitions(3))
                .build()) {
            for (int sequence = 0; sequence < perKey; sequence++) {
                for (int key = 0; key < keys; key++) {
                    producer.send(keyed(key, sequence));
                }
            }
        }
        int[] next = new int[keys];
        int total = 0;
        for (long partition = 0; partition < 3; partition++) {
            List<PolledMessage> all = readAll(partition);
            for (PolledMessage message : all) {
                ByteBuffer payload = ByteBuffer.wrap(message.payload());
                int key = payload.getInt();
                assertThat(payload.getInt()).as("key %d", key).isEqualTo(next[key]);
                next[key]++;
                total++;
            }
        }
        assertThat(total).isEqualTo(keys * perKey);
    }

    @Test
    void flushWaitsForTheAcknowledgementOfEverythingBuffered() {
        try (Producer producer = Producer.builder(client.async(), stream, topic)
                .partitioner(Partitioner.partitionId(0))
                .lingerMs(60_000)
                .createTopicIfMissing(TopicSetup.partitions(1))
                .build()) {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add(producer.send(Message.of("m" + i)));
            }
            producer.flush().join();
            assertThat(sent).allMatch(CompletableFuture::isDone);
            assertThat(readAll(0))
                    .extracting(m -> new String(m.payload(), StandardCharsets.UTF_8))
                    .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        }
    }

    @Test
    void aRefusedBatchFailsItsFutureWithTheServerCode() {
        try (Producer producer = Producer.builder(client.async(), stream, topic)
                .createTopicIfMissing(TopicSetup.partitions(1))
                .build()) {
            CompletableFuture<Void> sent = producer.send(Partitioning.partitionId(99), Message.of("lost"));
            assertThatThrownBy(sent::join)
                    .cause()
                    .isInstanceOfSatisfying(
                            ServerErrorException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PARTITION_NOT_FOUND));
            assertThat(producer.bufferedBytes()).isZero();
        }
    }

    @Test
    void sendingAfterCloseIsRefused() {
        Producer producer = Producer.builder(client.async(), stream, topic)
                .createTopicIfMissing(TopicSetup.partitions(1))
                .build();
        producer.close();
        assertThatThrownBy(() -> producer.send(Message.of("late"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToCreateATopicNamedByNumber() {
        assertThatThrownBy(() -> Producer.builder(client.async(), stream, Identifier.of(7))
                        .createTopicIfMissing(TopicSetup.partitions(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic id: 7");
    }
}
