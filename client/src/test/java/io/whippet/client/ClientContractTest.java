package io.whippet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessage;
import io.whippet.protocol.response.PolledMessages;
import io.whippet.protocol.response.StreamInfo;
import io.whippet.protocol.response.TopicDetails;
import io.whippet.testing.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every transport must do against a real server. A subclass supplies the client; the server
 * is one embedded instance per class (TCP and HTTP on), and each test works in a stream of its own.
 * What only a connection can have (get me, group membership) is checked where the transport has
 * connections.
 */
@Timeout(30)
abstract class ClientContractTest {
    protected static EmbeddedServer server;

    private BlockingClient client;
    private String streamName;
    private Identifier stream;
    private final Identifier topic = Identifier.of("events");

    /** The transport's connection string for {@code credentials} ({@code user:password} or a token). */
    protected abstract String connectionString(EmbeddedServer server, String credentials);

    /** A client logged in as root on {@code server}. */
    private WhippetClient newClient(String credentials) {
        return WhippetClients.create(ConnectionString.parse(connectionString(server, credentials)));
    }

    /** Whether the transport keeps a connection the server knows (get me, group membership). */
    protected boolean hasConnections() {
        return true;
    }

    @BeforeAll
    static void startServer() {
        Map<String, String> environment = new java.util.HashMap<>(EmbeddedServer.QUIC_ON);
        environment.put("IGGY_HTTP_ENABLED", "true");
        environment.put("IGGY_HTTP_ADDRESS", "127.0.0.1:0");
        server = EmbeddedServer.start(environment);
    }

    /** {@code http://HOST:PORT} of the embedded server's REST API. */
    protected static String httpUrl(EmbeddedServer server) {
        var address = server.server().httpAddress().orElseThrow();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createStreamAndTopic() {
        client = new BlockingClient(newClient(EmbeddedServer.ROOT_USERNAME + ":" + EmbeddedServer.ROOT_PASSWORD));
        streamName = "contract-" + UUID.randomUUID();
        stream = Identifier.of(streamName);
        client.createStream(streamName);
        client.createTopic(new CreateTopic(stream, 3, CompressionAlgorithm.NONE, 0, 0, 0, "events"));
    }

    @AfterEach
    void closeClient() {
        client.deleteStream(stream);
        client.close();
    }

    @Test
    void pingsAndKnowsWhoItIs() {
        client.ping();
        if (hasConnections()) {
            assertThat(client.me().client().userId()).isZero();
        }
        assertThat(client.stats().streamsCount()).isPositive();
    }

    @Test
    void createsListsAndFindsStreamsAndTopics() {
        assertThat(client.streams()).extracting(StreamInfo::name).contains(streamName);
        TopicDetails details = client.topic(stream, topic).orElseThrow();
        assertThat(details.partitions()).hasSize(3);
        assertThat(client.stream(Identifier.of("no-such-stream-" + UUID.randomUUID())))
                .isEmpty();
        assertThatThrownBy(() -> client.createStream(streamName))
                .isInstanceOfSatisfying(ServerErrorException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.STREAM_NAME_ALREADY_EXISTS);
                    assertThat(e.isAlreadyExists()).isTrue();
                });
    }

    @Test
    void sentMessagesArePolledBackInOrderWithHeaders() {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(Message.of(
                    ("m" + i).getBytes(StandardCharsets.UTF_8),
                    Map.of(HeaderValue.ofString("index"), HeaderValue.ofInt32(i))));
        }
        client.sendMessages(stream, topic, Partitioning.partitionId(1), batch);
        client.sendMessages(stream, topic, Partitioning.partitionId(1), List.of(Message.of("last")));

        PolledMessages polled = client.pollMessages(new PollMessages(
                Consumer.consumer(Identifier.of(1)),
                stream,
                topic,
                OptionalPartitionId.of(1),
                new PollingStrategy.Offset(0),
                1_000,
                false));
        List<PolledMessage> messages = polled.decodeMessages();
        assertThat(messages).hasSize(101);
        assertThat(polled.partitionId()).isEqualTo(1);
        assertThat(polled.currentOffset()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            assertThat(messages.get(i).offset()).isEqualTo(i);
            assertThat(new String(messages.get(i).payload(), StandardCharsets.UTF_8))
                    .isEqualTo("m" + i);
            assertThat(messages.get(i).userHeaders())
                    .containsEntry(HeaderValue.ofString("index"), HeaderValue.ofInt32(i));
        }
        assertThat(new String(messages.get(100).payload(), StandardCharsets.UTF_8))
                .isEqualTo("last");
    }

    @Test
    void borrowedPollsReadTheSameMessagesUntilClosed() {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(Message.of("b" + i));
        }
        client.sendMessages(stream, topic, Partitioning.partitionId(0), batch);
        PollMessages request = new PollMessages(
                Consumer.consumer(Identifier.of(1)),
                stream,
                topic,
                OptionalPartitionId.of(0),
                new PollingStrategy.Offset(10),
                30,
                false);
        List<PolledMessage> copied = client.pollMessages(request).decodeMessages();

        // Twice: the second reply may land in the buffer the first one gave back.
        for (int round = 0; round < 2; round++) {
            BorrowedMessages borrowed = client.pollMessagesBorrowed(request);
            try (borrowed) {
                assertThat(borrowed.messages().decodeMessages()).isEqualTo(copied);
                assertThat(borrowed.messages().partitionId()).isZero();
                assertThat(borrowed.messages().currentOffset()).isEqualTo(49);
            }
            assertThat(borrowed.isClosed()).isTrue();
            assertThatThrownBy(borrowed::messages).isInstanceOf(IllegalStateException.class);
            borrowed.close(); // a second close gives nothing back twice
        }
        assertThat(copied).hasSize(30);
        assertThat(copied.getFirst().offset()).isEqualTo(10);
    }

    @Test
    void storesAndReadsConsumerOffsets() {
        client.sendMessages(stream, topic, Partitioning.partitionId(0), List.of(Message.of("a"), Message.of("b")));
        Consumer consumer = Consumer.consumer(Identifier.of(5));
        assertThat(client.consumerOffset(consumer, stream, topic, OptionalPartitionId.of(0)))
                .isEmpty();
        client.storeConsumerOffset(consumer, stream, topic, OptionalPartitionId.of(0), 1);
        assertThat(client.consumerOffset(consumer, stream, topic, OptionalPartitionId.of(0))
                        .orElseThrow()
                        .storedOffset())
                .isEqualTo(1);
        PolledMessages next = client.pollMessages(new PollMessages(
                consumer, stream, topic, OptionalPartitionId.of(0), new PollingStrategy.Next(), 10, false));
        assertThat(next.decodeMessages()).isEmpty();
    }

    @Test
    void joinsAndLeavesConsumerGroups() {
        client.createConsumerGroup(stream, topic, "workers");
        Identifier group = Identifier.of("workers");
        org.junit.jupiter.api.Assumptions.assumeTrue(hasConnections(), "membership belongs to a connection");
        client.joinConsumerGroup(stream, topic, group);
        assertThat(client.consumerGroup(stream, topic, group).orElseThrow().members())
                .hasSize(1);
        assertThat(client.me().groups()).hasSize(1);
        client.leaveConsumerGroup(stream, topic, group);
        assertThat(client.consumerGroup(stream, topic, group).orElseThrow().members())
                .isEmpty();
        assertThat(client.consumerGroups(stream, topic)).hasSize(1);
    }

    @Test
    void managesUsersAndPersonalAccessTokens() {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        client.createUser(new CreateUser(username, "secret1", UserStatus.ACTIVE, null));
        assertThat(client.user(Identifier.of(username))).isPresent();
        String tokenName = "t" + UUID.randomUUID().toString().substring(0, 8);
        String token = client.createPersonalAccessToken(tokenName, 0).token();
        try (BlockingClient other = new BlockingClient(newClient(token))) {
            other.connect();
            assertThat(other.personalAccessTokens())
                    .extracting(io.whippet.protocol.response.PersonalAccessTokenInfo::name)
                    .contains(tokenName);
        }
        client.deletePersonalAccessToken(tokenName);
        client.deleteUser(Identifier.of(username));
        assertThat(client.user(Identifier.of(username))).isEmpty();
    }
}
