package io.whippet.client.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.whippet.client.BlockingClient;
import io.whippet.client.ClientConfig;
import io.whippet.client.ClientTransport;
import io.whippet.client.ConnectionException;
import io.whippet.client.ConnectionString;
import io.whippet.client.Credentials;
import io.whippet.client.Message;
import io.whippet.client.ServerErrorException;
import io.whippet.client.TlsSettings;
import io.whippet.client.tcp.TcpClient;
import io.whippet.protocol.CommandCode;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.ClientInfo;
import io.whippet.protocol.response.Transport;
import io.whippet.testing.EmbeddedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's QUIC transport as our QUIC client sees it: sessions, streams, limits, teardown. */
@Timeout(60)
class QuicClientTest {
    private static EmbeddedServer server;
    private static BlockingClient admin;

    @BeforeAll
    static void startServer() {
        server = EmbeddedServer.start(EmbeddedServer.QUIC_ON);
        admin = new BlockingClient(TcpClient.create(ConnectionString.parse(server.connectionString())));
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        server.close();
    }

    private static ClientConfig config(Credentials credentials) {
        return ClientConfig.defaults()
                .withAddress(server.host(), server.quicAddress().getPort())
                .withCredentials(credentials)
                .withTls(new TlsSettings(true, "", null, false))
                .withTransport(ClientTransport.QUIC);
    }

    private static ClientConfig root() {
        return config(Credentials.password(EmbeddedServer.ROOT_USERNAME, EmbeddedServer.ROOT_PASSWORD));
    }

    @Test
    void loginStateBelongsToTheConnectionNotTheServer() {
        try (var loggedIn = new BlockingClient(QuicClient.create(root()));
                var anonymous = new BlockingClient(QuicClient.create(config(Credentials.none())))) {
            assertThat(loggedIn.me().client().transport()).isEqualTo(Transport.QUIC);
            anonymous.ping();
            assertThatThrownBy(anonymous::streams)
                    .isInstanceOfSatisfying(
                            ServerErrorException.class,
                            e -> assertThat(e.knownErrorCode()).contains(ErrorCode.UNAUTHENTICATED));
            anonymous.login(EmbeddedServer.ROOT_USERNAME, EmbeddedServer.ROOT_PASSWORD);
            assertThat(anonymous.streams()).isNotNull();
            anonymous.logout();
            assertThatThrownBy(anonymous::streams).isInstanceOf(ServerErrorException.class);
            assertThat(loggedIn.streams()).isNotNull();
        }
    }

    @Test
    void manyConcurrentStreamsOnOneConnectionAllGetTheirOwnReply() {
        String streamName = newStreamWithTopic("quic-concurrent-");
        Identifier stream = Identifier.of(streamName);
        Identifier topic = Identifier.of("t");
        try (QuicClient client = QuicClient.createConcurrent(root())) {
            client.connect().join();
            List<CompletableFuture<?>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                replies.add(
                        client.sendMessages(stream, topic, Partitioning.partitionId(0), List.of(Message.of("m" + i))));
                replies.add(client.stream(stream)
                        .thenAccept(found -> assertThat(found)
                                .hasValueSatisfying(details ->
                                        assertThat(details.stream().name()).isEqualTo(streamName))));
                replies.add(client.ping());
            }
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
            long clientId = client.me().join().client().clientId();
            assertThat(admin.clients().stream().filter(info -> info.clientId() == clientId))
                    .as("one session for all the streams")
                    .hasSize(1);
        } finally {
            admin.deleteStream(stream);
        }
        assertThat(admin.topic(stream, topic)).isEmpty();
    }

    @Test
    void orderedClientOverlapsPollsButKeepsThemInCallOrderWithWrites() {
        String streamName = newStreamWithTopic("quic-ordered-");
        Identifier stream = Identifier.of(streamName);
        Identifier topic = Identifier.of("t");
        try (QuicClient client = QuicClient.create(root())) {
            client.connect().join();
            // Futures taken without waiting: reads may overlap each other, never a write.
            var sendA = client.sendMessages(stream, topic, Partitioning.partitionId(0), List.of(Message.of("a")));
            var firstPoll = client.pollMessages(poll(stream, topic, false));
            var secondPoll = client.pollMessages(poll(stream, topic, false));
            var sendB = client.sendMessages(stream, topic, Partitioning.partitionId(0), List.of(Message.of("b")));
            var committingPoll = client.pollMessages(poll(stream, topic, true));
            var thirdPoll = client.pollMessages(poll(stream, topic, false));
            var sendC = client.sendMessages(stream, topic, Partitioning.partitionId(0), List.of(Message.of("c")));
            CompletableFuture.allOf(sendA, firstPoll, secondPoll, sendB, committingPoll, thirdPoll, sendC)
                    .join();
            assertThat(firstPoll.join().count()).as("sees A, which went before").isEqualTo(1);
            assertThat(secondPoll.join().count())
                    .as("does not see B, which came after")
                    .isEqualTo(1);
            assertThat(committingPoll.join().count()).isEqualTo(2);
            assertThat(thirdPoll.join().count()).as("does not see C").isEqualTo(2);
        } finally {
            admin.deleteStream(stream);
        }
    }

    @Test
    void aPeerWithIggysSmallDatagramsSendsAndPollsAMegabyteBatch() {
        String streamName = newStreamWithTopic("quic-small-datagrams-");
        Identifier stream = Identifier.of(streamName);
        Identifier topic = Identifier.of("t");
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] payload = new byte[1000];
            java.util.Arrays.fill(payload, (byte) i);
            batch.add(Message.of(payload));
        }
        // 1,200 B: QUIC's minimum and quinn's initial MTU; the server batches 16 KB packets with
        // GSO towards loopback peers and must still fit what this peer accepts.
        try (QuicClient client = QuicClient.create(root(), 1200)) {
            client.connect().join();
            client.sendMessages(stream, topic, Partitioning.partitionId(0), batch)
                    .join();
            var polled = client.pollMessages(poll(stream, topic, false, 1000)).join();
            assertThat(polled.count()).isEqualTo(1000);
            assertThat(polled.messages().remaining())
                    .as("headers and payloads of all 1000 messages")
                    .isGreaterThan(1000 * 1000);
        } finally {
            admin.deleteStream(stream);
        }
    }

    /** A new stream named {@code prefix} and a UUID, with one topic {@code t} of one partition. */
    private static String newStreamWithTopic(String prefix) {
        String name = prefix + UUID.randomUUID();
        admin.createStream(name);
        admin.createTopic(new CreateTopic(Identifier.of(name), 1, CompressionAlgorithm.NONE, 0, 0, 0, "t"));
        return name;
    }

    private static PollMessages poll(Identifier stream, Identifier topic, boolean autoCommit) {
        return poll(stream, topic, autoCommit, 10);
    }

    private static PollMessages poll(Identifier stream, Identifier topic, boolean autoCommit, int count) {
        return new PollMessages(
                io.whippet.protocol.Consumer.consumer(Identifier.of(1)),
                stream,
                topic,
                OptionalPartitionId.of(0),
                new PollingStrategy.Offset(0),
                count,
                autoCommit);
    }

    @Test
    void oversizedFrameIsRefusedOnItsStreamAndTheConnectionGoesOn() {
        QuicConnection connection = new QuicConnection(
                config(Credentials.none()), QuicClient.sslContext(new TlsSettings(true, "", null, false)), true, 0);
        try {
            int payloadBytes = 200 * 1024; // above the 64 KiB allowed before login
            CompletableFuture<Boolean> refused = connection.request(
                    CommandCode.LOGIN_USER,
                    false,
                    allocator -> frame(allocator.ioBuffer(), CommandCode.LOGIN_USER.code(), payloadBytes),
                    payload -> Boolean.TRUE);
            assertThatThrownBy(refused::join)
                    .cause()
                    .isInstanceOfSatisfying(
                            ServerErrorException.class,
                            e -> assertThat(e.knownErrorCode()).contains(ErrorCode.INVALID_COMMAND));
            CompletableFuture<Boolean> ping = connection.request(
                    CommandCode.PING,
                    false,
                    allocator -> frame(allocator.ioBuffer(), CommandCode.PING.code(), 0),
                    payload -> Boolean.TRUE);
            assertThat(ping.join()).isTrue();
        } finally {
            connection.close();
        }
    }

    private static ByteBuf frame(ByteBuf out, int code, int payloadBytes) {
        out.writeIntLE(4 + payloadBytes).writeIntLE(code);
        out.writeZero(payloadBytes);
        return out;
    }

    @Test
    void closingTheConnectionRemovesItsClient() {
        long clientId;
        try (var client = new BlockingClient(QuicClient.create(root()))) {
            clientId = client.me().client().clientId();
            assertThat(admin.clients())
                    .filteredOn(info -> info.clientId() == clientId)
                    .singleElement()
                    .extracting(ClientInfo::transport)
                    .isEqualTo(Transport.QUIC);
        }
        // The close reaches the server asynchronously: ask until it is gone (bounded by @Timeout).
        while (admin.clients().stream().anyMatch(info -> info.clientId() == clientId)) {
            admin.ping();
        }
        assertThat(admin.clients()).noneMatch(info -> info.clientId() == clientId);
    }

    @Test
    void wrongPasswordFailsTheConnectWithoutRetrying() {
        try (QuicClient client = QuicClient.create(config(Credentials.password("iggy", "wrong")))) {
            assertThatThrownBy(() -> client.connect().join()).hasCauseInstanceOf(ServerErrorException.class);
        }
    }

    @Test
    void anUntrustedCertificateFailsTheConnect() {
        ClientConfig validating = root().withTls(new TlsSettings(true, "", null, true))
                .withReconnect(new io.whippet.client.ReconnectPolicy(0, 10, 10));
        try (QuicClient client = QuicClient.create(validating)) {
            assertThatThrownBy(() -> client.connect().join()).hasCauseInstanceOf(ConnectionException.class);
        }
    }
}
