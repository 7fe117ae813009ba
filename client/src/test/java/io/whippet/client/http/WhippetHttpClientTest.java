package io.whippet.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.client.BlockingClient;
import io.whippet.client.ConnectionString;
import io.whippet.client.Message;
import io.whippet.client.ServerErrorException;
import io.whippet.client.WhippetClientException;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.command.UpdateUser;
import io.whippet.protocol.response.PolledMessage;
import io.whippet.testing.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the HTTP client: tokens, renewal, what HTTP lacks, and the JSON round trip. */
@Timeout(30)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhippetHttpClientTest {
    private EmbeddedServer server;
    private String url;

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = EmbeddedServer.start(
                dataDir, false, Map.of("IGGY_HTTP_ENABLED", "true", "IGGY_HTTP_ADDRESS", "127.0.0.1:0"));
        var address = server.server().httpAddress().orElseThrow();
        url = "http://" + address.getHostString() + ":" + address.getPort();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private WhippetHttpClient root() {
        return WhippetHttpClient.create(ConnectionString.parse(url.replace("http://", "http://iggy:iggy@")));
    }

    @Test
    void aRevokedTokenIsReplacedByAFreshLoginAndTheCallSucceeds() throws Exception {
        try (WhippetHttpClient client = root()) {
            AtomicInteger relogins = new AtomicInteger();
            client.onReconnected(relogins::incrementAndGet);
            client.connect().join();
            String first = client.session().bearerToken();

            // Refreshing revokes the presented token (http-api.md 2), as an expiry would.
            HttpResponse<String> refreshed = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/users/refresh-token"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + first + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(refreshed.statusCode()).isEqualTo(200);

            assertThat(client.streams().join()).isNotNull();
            assertThat(relogins).hasValue(1);
            assertThat(client.session().bearerToken()).isNotEqualTo(first);
        }
    }

    @Test
    void withoutCredentialsPingWorksAndEverythingElseIsUnauthenticated() {
        try (var anonymous = new BlockingClient(WhippetHttpClient.create(ConnectionString.parse(url)))) {
            anonymous.ping();

            assertThatThrownBy(anonymous::streams)
                    .isInstanceOfSatisfying(
                            ServerErrorException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED));
            anonymous.login("iggy", "iggy");
            assertThat(anonymous.streams()).isNotNull();
            anonymous.logout();
            assertThatThrownBy(anonymous::streams).isInstanceOf(ServerErrorException.class);
        }
    }

    @Test
    void wrongPasswordIsInvalidCredentials() {
        try (var client = new BlockingClient(WhippetHttpClient.create(ConnectionString.parse(url)))) {
            assertThatThrownBy(() -> client.login("iggy", "wrong"))
                    .isInstanceOfSatisfying(
                            ServerErrorException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        }
    }

    @Test
    void whatNeedsAConnectionFailsClearlyWithoutASentRequest() {
        try (var client = new BlockingClient(root())) {
            Identifier any = Identifier.of(0);

            assertThatThrownBy(client::me)
                    .isInstanceOf(WhippetClientException.class)
                    .hasMessageContaining("HTTP lacks it");
            assertThatThrownBy(() -> client.joinConsumerGroup(any, any, any))
                    .isInstanceOfSatisfying(
                            WhippetClientException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FEATURE_UNAVAILABLE));
            assertThatThrownBy(() -> client.leaveConsumerGroup(any, any, any)).hasMessageContaining("HTTP lacks it");
            assertThatThrownBy(() -> client.pollMessages(new PollMessages(
                            Consumer.group(any),
                            any,
                            any,
                            OptionalPartitionId.of(0),
                            new PollingStrategy.First(),
                            1,
                            false)))
                    .hasMessageContaining("HTTP lacks consumer groups");
        }
    }

    @Test
    void namesWithSpacesAndIdsAbove2To64RoundTrip() {
        String streamName = "with space " + UUID.randomUUID();
        Identifier stream = Identifier.of(streamName);
        Identifier topic = Identifier.of("t/1");
        try (var client = new BlockingClient(root())) {
            client.createStream(streamName);
            client.createTopic(new CreateTopic(stream, 1, CompressionAlgorithm.GZIP, 0, 0, 0, "t/1"));
            var withId =
                    new Message(-1L, -2L, "payload".getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of(), 0);

            client.sendMessages(stream, topic, Partitioning.messagesKey(new byte[] {1, 2}), List.of(withId));

            List<PolledMessage> polled = client.pollMessages(new PollMessages(
                            Consumer.consumer(Identifier.of("reader")),
                            stream,
                            topic,
                            OptionalPartitionId.of(0),
                            new PollingStrategy.Offset(0),
                            10,
                            true))
                    .decodeMessages();
            assertThat(polled).hasSize(1);
            assertThat(polled.get(0).idLow()).isEqualTo(-1L);
            assertThat(polled.get(0).idHigh()).isEqualTo(-2L);
            assertThat(client.topic(stream, topic).orElseThrow().topic().compressionAlgorithm())
                    .isEqualTo(CompressionAlgorithm.GZIP);
            assertThat(client.consumerOffset(
                                    Consumer.consumer(Identifier.of("reader")),
                                    stream,
                                    topic,
                                    OptionalPartitionId.of(0))
                            .orElseThrow()
                            .storedOffset())
                    .isZero();
            client.deleteStream(stream);
        }
    }

    @Test
    void usersPermissionsAndPasswordsGoThroughTheirRoutes() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        Permissions readStreams = new Permissions(
                new Permissions.GlobalPermissions(false, false, false, false, false, true, false, false, false, false),
                Map.of(
                        3L,
                        new Permissions.StreamPermissions(
                                false,
                                true,
                                false,
                                false,
                                false,
                                false,
                                Map.of(4L, new Permissions.TopicPermissions(false, true, false, false)))));
        try (var client = new BlockingClient(root())) {
            long id = client.createUser(new CreateUser(name, "secret1", UserStatus.ACTIVE, readStreams))
                    .user()
                    .id();
            assertThat(client.user(Identifier.of(id)).orElseThrow().permissions())
                    .isEqualTo(readStreams);

            client.updatePermissions(Identifier.of(id), null);
            client.updateUser(new UpdateUser(Identifier.of(id), name + "x", UserStatus.INACTIVE));
            client.updateUser(new UpdateUser(Identifier.of(id), null, UserStatus.ACTIVE));
            client.changePassword(Identifier.of(id), "secret1", "secret2");

            var details = client.user(Identifier.of(name + "x")).orElseThrow();
            assertThat(details.permissions()).isNull();
            assertThat(details.user().status()).isEqualTo(UserStatus.ACTIVE);
            try (var user = new BlockingClient(WhippetHttpClient.create(ConnectionString.parse(url)))) {
                assertThat(user.login(name + "x", "secret2").userId()).isEqualTo(id);
            }
            client.deleteUser(Identifier.of(id));
        }
    }
}
