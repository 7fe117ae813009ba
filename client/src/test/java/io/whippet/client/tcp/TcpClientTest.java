package io.whippet.client.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.client.BlockingClient;
import io.whippet.client.BorrowedMessages;
import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionException;
import io.whippet.client.Credentials;
import io.whippet.client.ReconnectPolicy;
import io.whippet.client.ServerErrorException;
import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.GetClient;
import io.whippet.protocol.command.LoginUser;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.ClientDetails;
import io.whippet.protocol.response.ClientInfo;
import io.whippet.protocol.response.Identity;
import io.whippet.protocol.response.PolledMessages;
import io.whippet.protocol.response.Responses;
import io.whippet.protocol.response.Transport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TcpClientTest {
    private static ClientConfig config(FakeServer server) {
        return ClientConfig.defaults()
                .withAddress("127.0.0.1", server.port())
                .withHeartbeatIntervalMs(0)
                .withReconnect(new ReconnectPolicy(2, 10, 50));
    }

    private static FakeServer.Reply clientDetails(long clientId) {
        return FakeServer.Reply.ok(Responses.encodePayload(
                new ClientDetails(new ClientInfo(clientId, 0, Transport.TCP, "127.0.0.1:1", 0), List.of())));
    }

    @Test
    void pipelinedRequestsCompleteWithTheirOwnRepliesInCallOrder() throws Exception {
        try (FakeServer server = new FakeServer(request ->
                        clientDetails(GetClient.decode(request.payloadBuffer()).clientId()));
                TcpClient client = TcpClient.create(config(server))) {
            List<CompletableFuture<Optional<ClientDetails>>> replies = new ArrayList<>();
            for (int id = 1; id <= 500; id++) {
                replies.add(client.client(id));
            }
            for (int id = 1; id <= 500; id++) {
                assertThat(replies.get(id - 1).get().orElseThrow().client().clientId())
                        .isEqualTo(id);
            }
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    /**
     * Poll replies larger than any read buffer, pipelined, each read partly into a read buffer and
     * then straight into its own reply buffer: every reply must come back whole and in order.
     */
    @Test
    void pipelinedLargePollRepliesArriveWholeAndInOrder() throws Exception {
        int messages = 1200;
        int payloadBytes = 1000;
        try (FakeServer server = new FakeServer(request -> FakeServer.Reply.ok(polledReply(
                        ((PollingStrategy.Offset) PollMessages.decode(request.payloadBuffer())
                                        .strategy())
                                .value(),
                        messages,
                        payloadBytes)));
                TcpClient client = TcpClient.create(config(server))) {
            List<CompletableFuture<BorrowedMessages>> replies = new ArrayList<>();
            for (int poll = 0; poll < 12; poll++) {
                replies.add(client.pollMessagesBorrowed(new PollMessages(
                        io.whippet.protocol.Consumer.consumer(Identifier.of(1)),
                        Identifier.of(1),
                        Identifier.of(1),
                        OptionalPartitionId.of(0),
                        new PollingStrategy.Offset((long) poll * messages),
                        messages,
                        false)));
            }
            for (int poll = 0; poll < 12; poll++) {
                try (BorrowedMessages reply = replies.get(poll).get()) {
                    ByteBuffer area = reply.messages().messages();
                    assertThat(reply.messages().count()).isEqualTo(messages);
                    assertThat(area.remaining()).isEqualTo(messages * (MessageLayout.HEADER_SIZE + payloadBytes));
                    for (int i = 0; i < messages; i++) {
                        int at = area.position() + i * (MessageLayout.HEADER_SIZE + payloadBytes);
                        long offset = (long) poll * messages + i;
                        assertThat(area.getLong(at + MessageLayout.OFFSET_OFFSET))
                                .isEqualTo(offset);
                        assertThat(area.get(at + MessageLayout.HEADER_SIZE + payloadBytes - 1))
                                .isEqualTo((byte) offset);
                    }
                }
            }
        }
    }

    /** A PolledMessages payload: {@code count} messages from {@code first}, payload bytes = offset. */
    private static ByteBuffer polledReply(long first, int count, int payloadBytes) {
        int messageBytes = MessageLayout.HEADER_SIZE + payloadBytes;
        ByteBuffer out = ByteBuffer.allocate(PolledMessages.HEADER_BYTES + count * messageBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        PolledMessages.encodeHeader(out, 0, first + count - 1, count);
        for (int i = 0; i < count; i++) {
            int at = out.position();
            out.putLong(at + MessageLayout.OFFSET_OFFSET, first + i);
            out.putInt(at + MessageLayout.PAYLOAD_LENGTH_OFFSET, payloadBytes);
            for (int b = 0; b < payloadBytes; b++) {
                out.put(at + MessageLayout.HEADER_SIZE + b, (byte) (first + i));
            }
            out.position(at + messageBytes);
        }
        return out.flip();
    }

    @Test
    void serverErrorCarriesTheStatusAndItsKnownCode() throws Exception {
        try (FakeServer server = new FakeServer(request -> FakeServer.Reply.error(1009));
                BlockingClient client = new BlockingClient(TcpClient.create(config(server)))) {
            assertThatThrownBy(() -> client.deleteStream(Identifier.of(7)))
                    .isInstanceOfSatisfying(ServerErrorException.class, e -> {
                        assertThat(e.status()).isEqualTo(1009);
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.STREAM_ID_NOT_FOUND);
                        assertThat(e.isNotFound()).isTrue();
                        assertThat(e.command()).isEqualTo("DELETE_STREAM");
                    });
        }
    }

    @Test
    void unknownStatusIsKeptAsItsRawNumber() throws Exception {
        try (FakeServer server = new FakeServer(request -> FakeServer.Reply.error(77_777));
                BlockingClient client = new BlockingClient(TcpClient.create(config(server)))) {
            assertThatThrownBy(client::ping).isInstanceOfSatisfying(ServerErrorException.class, e -> {
                assertThat(e.status()).isEqualTo(77_777);
                assertThat(e.knownErrorCode()).isEmpty();
                assertThat(e.errorCode()).isEqualTo(ErrorCode.ERROR);
            });
        }
    }

    @Test
    void emptyReplyToALookupIsAnEmptyOptional() throws Exception {
        try (FakeServer server = new FakeServer(request -> FakeServer.Reply.ok());
                BlockingClient client = new BlockingClient(TcpClient.create(config(server)))) {
            assertThat(client.stream(Identifier.of("missing"))).isEmpty();
            assertThat(client.topic(Identifier.of(1), Identifier.of(2))).isEmpty();
            assertThat(client.streams()).isEmpty();
        }
    }

    @Test
    void logsInBeforeTheFirstRequestAndAgainAfterReconnecting() throws Exception {
        try (FakeServer server = new FakeServer(request -> switch (request.code()) {
                    case 38 -> FakeServer.Reply.ok(Responses.encodePayload(new Identity(0)));
                    case 1 -> FakeServer.Reply.closeConnection();
                    default -> FakeServer.Reply.ok();
                });
                TcpClient client =
                        TcpClient.create(config(server).withCredentials(Credentials.password("iggy", "secret")))) {
            CountDownLatch reconnected = new CountDownLatch(1);
            client.onReconnected(reconnected::countDown);

            assertThatThrownBy(() -> client.ping().join()).hasCauseInstanceOf(ConnectionException.class);
            client.deleteStream(Identifier.of(1)).get();

            FakeServer.Request first = server.take();
            assertThat(first.code()).isEqualTo(CommandCode.LOGIN_USER.code());
            LoginUser login = LoginUser.decode(first.payloadBuffer());
            assertThat(login.username()).isEqualTo("iggy");
            assertThat(login.password()).isEqualTo("secret");
            assertThat(server.take().code()).isEqualTo(CommandCode.PING.code());
            FakeServer.Request relogin = server.take();
            assertThat(relogin.code()).isEqualTo(CommandCode.LOGIN_USER.code());
            assertThat(relogin.connection()).isEqualTo(2);
            assertThat(server.take().code()).isEqualTo(CommandCode.DELETE_STREAM.code());
            assertThat(reconnected.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusedCredentialsFailTheRequestWithoutRetrying() throws Exception {
        try (FakeServer server = new FakeServer(request -> FakeServer.Reply.error(42));
                BlockingClient client = new BlockingClient(
                        TcpClient.create(config(server).withCredentials(Credentials.password("iggy", "wrong"))))) {
            assertThatThrownBy(client::streams)
                    .isInstanceOfSatisfying(
                            ServerErrorException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void connectingGivesUpAfterTheConfiguredRetries() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ClientConfig config =
                ClientConfig.defaults().withAddress("127.0.0.1", port).withReconnect(new ReconnectPolicy(2, 5, 10));
        try (BlockingClient client = new BlockingClient(TcpClient.create(config))) {
            assertThatThrownBy(client::ping)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("after 3 attempts");
        }
    }

    @Test
    void requestsInFlightFailWhenTheConnectionDrops() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeServer server = new FakeServer(request -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return FakeServer.Reply.closeConnection();
                });
                TcpClient client = TcpClient.create(config(server))) {
            CompletableFuture<Void> first = client.ping();
            CompletableFuture<Void> second = client.ping();
            release.countDown();
            assertThatThrownBy(first::join).hasCauseInstanceOf(ConnectionException.class);
            assertThatThrownBy(second::join).hasCauseInstanceOf(ConnectionException.class);
        }
    }

    @Test
    void heartbeatPingsAnIdleConnection() throws Exception {
        try (FakeServer server = new FakeServer(request -> FakeServer.Reply.ok());
                TcpClient client = TcpClient.create(config(server).withHeartbeatIntervalMs(20))) {
            client.connect().get();
            assertThat(server.take().code()).isEqualTo(CommandCode.PING.code());
            assertThat(server.take().code()).isEqualTo(CommandCode.PING.code());
        }
    }

    @Test
    void requestsAfterCloseFailFast() throws Exception {
        try (FakeServer server = new FakeServer(request -> FakeServer.Reply.ok())) {
            TcpClient client = TcpClient.create(config(server));
            client.ping().get();
            client.close();
            assertThatThrownBy(() -> client.ping().join()).hasCauseInstanceOf(ConnectionException.class);
        }
    }

    @Test
    void aRequestWithoutReplyFailsAfterTheRequestTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (FakeServer server = new FakeServer(request -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return FakeServer.Reply.ok();
                });
                TcpClient client = TcpClient.create(config(server).withRequestTimeoutMs(50))) {
            assertThatThrownBy(() -> client.ping().join())
                    .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
            never.countDown();
        }
    }
}
