package io.whippet.client.http;

import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionString;
import io.whippet.client.Credentials;
import io.whippet.client.Message;
import io.whippet.client.WhippetClient;
import io.whippet.client.WhippetClientException;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.GetSnapshot;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.command.UpdateTopic;
import io.whippet.protocol.command.UpdateUser;
import io.whippet.protocol.response.ClientDetails;
import io.whippet.protocol.response.ClientInfo;
import io.whippet.protocol.response.ClusterMetadata;
import io.whippet.protocol.response.ConsumerGroupDetails;
import io.whippet.protocol.response.ConsumerGroupInfo;
import io.whippet.protocol.response.ConsumerOffsetInfo;
import io.whippet.protocol.response.Identity;
import io.whippet.protocol.response.PersonalAccessTokenInfo;
import io.whippet.protocol.response.PolledMessages;
import io.whippet.protocol.response.RawPersonalAccessToken;
import io.whippet.protocol.response.Stats;
import io.whippet.protocol.response.StreamDetails;
import io.whippet.protocol.response.StreamInfo;
import io.whippet.protocol.response.TopicDetails;
import io.whippet.protocol.response.TopicInfo;
import io.whippet.protocol.response.UserDetails;
import io.whippet.protocol.response.UserInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@link WhippetClient} over the REST API (http-api.md): every call is one HTTP/1.1 request on the
 * JDK's {@link HttpClient}, which keeps connections alive and pools them. Login takes a JWT from
 * {@code POST /users/login} (or {@code /personal-access-tokens/login}) and sends it as a bearer
 * token; the token is renewed before it expires and after a 401 (see {@link RestSession}).
 *
 * <p>What HTTP cannot do, by design of the API: there is no connection for the server to hang
 * state on, so {@link #me()}, {@link #joinConsumerGroup} and {@link #leaveConsumerGroup} fail with
 * a {@link WhippetClientException} ({@link ErrorCode#FEATURE_UNAVAILABLE}), and a consumer-group
 * {@link Consumer} is refused (the API only knows plain consumers). Unlike TCP, concurrent calls
 * may complete in any order; sequential calls (each awaited) behave as over TCP. Futures complete
 * on the JDK client's executor. Thread-safe.
 *
 * <pre>{@code
 * try (WhippetClient client = WhippetHttpClient.connect("http://iggy:iggy@127.0.0.1:3000")) {
 *     client.createStream("orders").join();
 * }
 * }</pre>
 */
public final class WhippetHttpClient implements WhippetClient {
    private final RestSession session;

    private WhippetHttpClient(RestSession session) {
        this.session = session;
    }

    /** A client for {@code config} (its transport is not checked); it logs in on first use or {@link #connect()}. */
    public static WhippetHttpClient create(ClientConfig config) {
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (config.requestTimeoutMs() > 0) {
            http.connectTimeout(Duration.ofMillis(config.requestTimeoutMs()));
        }
        if (config.tls().enabled()) {
            http.sslContext(HttpTls.context(config.tls()));
        }
        String scheme = config.tls().enabled() ? "https" : "http";
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        URI base = URI.create(scheme + "://" + host + ":" + config.port());
        return new WhippetHttpClient(new RestSession(
                http.build(),
                base,
                config.credentials(),
                Duration.ofMillis(config.requestTimeoutMs()),
                InstantSource.system()));
    }

    /** Parses {@code http://USER:PASSWORD@HOST:PORT} (see {@link ConnectionString}), logs in; blocks. */
    public static WhippetHttpClient connect(String connectionString) {
        WhippetHttpClient client = create(ConnectionString.parse(connectionString));
        try {
            client.connect().join();
        } catch (RuntimeException e) {
            client.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return client;
    }

    /** Logs in when credentials are configured, otherwise checks the server answers a ping. */
    @Override
    public CompletableFuture<Void> connect() {
        Credentials credentials = session.credentials();
        if (credentials instanceof Credentials.None) {
            return ping();
        }
        return session.login(credentials).thenApply(identity -> null);
    }

    /** Runs {@code listener} after every automatic re-login (the token expired or was refused). */
    @Override
    public void onReconnected(Runnable listener) {
        session.onRelogin(listener);
    }

    @Override
    public void close() {
        session.close();
    }

    /** The session, for tests in this package. */
    RestSession session() {
        return session;
    }

    // System

    @Override
    public CompletableFuture<Void> ping() {
        return session.call("GET", "/ping", null, RestSession.Access.PUBLIC, false)
                .thenApply(reply -> null);
    }

    @Override
    public CompletableFuture<Stats> stats() {
        return get("/stats", JsonReplies::stats);
    }

    @Override
    public CompletableFuture<byte[]> snapshot(GetSnapshot request) {
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("compression", pascal(request.compression().name()));
            json.writeArrayPropertyStart("snapshot_types");
            for (GetSnapshot.SnapshotType type : request.types()) {
                json.writeString(pascal(type.name()));
            }
            json.writeEndArray();
            json.writeEndObject();
        });
        return session.call("POST", "/snapshot", body, RestSession.Access.TOKEN, false)
                .thenApply(RestSession.Reply::body);
    }

    @Override
    public CompletableFuture<ClusterMetadata> clusterMetadata() {
        return get("/cluster/metadata", JsonReplies::clusterMetadata);
    }

    /** Unavailable: an HTTP request has no connection for the server to describe. */
    @Override
    public CompletableFuture<ClientDetails> me() {
        return unavailable("me (get me)");
    }

    @Override
    public CompletableFuture<Optional<ClientDetails>> client(long clientId) {
        return lookup("/clients/" + clientId, JsonReplies::clientDetails);
    }

    @Override
    public CompletableFuture<List<ClientInfo>> clients() {
        return get("/clients", node -> JsonReplies.list(node, JsonReplies::client));
    }

    // Session and users

    @Override
    public CompletableFuture<Identity> login(String username, String password) {
        return session.login(Credentials.password(username, password));
    }

    @Override
    public CompletableFuture<Identity> loginWithToken(String token) {
        return session.login(Credentials.token(token));
    }

    @Override
    public CompletableFuture<Void> logout() {
        return session.call("DELETE", "/users/logout", null, RestSession.Access.TOKEN, false)
                .thenApply(reply -> {
                    session.forget();
                    return null;
                });
    }

    @Override
    public CompletableFuture<Optional<UserDetails>> user(Identifier userId) {
        return lookup("/users/" + id(userId), JsonReplies::userDetails);
    }

    @Override
    public CompletableFuture<List<UserInfo>> users() {
        return get("/users", node -> JsonReplies.list(node, JsonReplies::user));
    }

    @Override
    public CompletableFuture<UserDetails> createUser(CreateUser request) {
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("username", request.username());
            json.writeStringProperty("password", request.password());
            json.writeStringProperty("status", request.status().name().toLowerCase(Locale.ROOT));
            json.writeName("permissions");
            PermissionsWriter.write(json, request.permissions());
            json.writeEndObject();
        });
        return send("POST", "/users", body, JsonReplies::userDetails);
    }

    @Override
    public CompletableFuture<Void> deleteUser(Identifier userId) {
        return noContent("DELETE", "/users/" + id(userId), null);
    }

    @Override
    public CompletableFuture<Void> updateUser(UpdateUser request) {
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            String username = request.username();
            if (username == null) {
                json.writeNullProperty("username");
            } else {
                json.writeStringProperty("username", username);
            }
            if (request.status() == null) {
                json.writeNullProperty("status");
            } else {
                json.writeStringProperty("status", request.status().name().toLowerCase(Locale.ROOT));
            }
            json.writeEndObject();
        });
        return noContent("PUT", "/users/" + id(request.userId()), body);
    }

    @Override
    public CompletableFuture<Void> updatePermissions(Identifier userId, @Nullable Permissions permissions) {
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            json.writeName("permissions");
            PermissionsWriter.write(json, permissions);
            json.writeEndObject();
        });
        return noContent("PUT", "/users/" + id(userId) + "/permissions", body);
    }

    @Override
    public CompletableFuture<Void> changePassword(Identifier userId, String currentPassword, String newPassword) {
        return noContent(
                "PUT",
                "/users/" + id(userId) + "/password",
                HttpJson.object("current_password", currentPassword, "new_password", newPassword));
    }

    @Override
    public CompletableFuture<List<PersonalAccessTokenInfo>> personalAccessTokens() {
        return get("/personal-access-tokens", node -> JsonReplies.list(node, JsonReplies::personalAccessToken));
    }

    @Override
    public CompletableFuture<RawPersonalAccessToken> createPersonalAccessToken(String name, long expiryMicros) {
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("name", name);
            json.writeName("expiry");
            json.writeNumber(new java.math.BigInteger(Long.toUnsignedString(expiryMicros)));
            json.writeEndObject();
        });
        return send(
                "POST",
                "/personal-access-tokens",
                body,
                node -> new RawPersonalAccessToken(JsonReplies.string(node, "token")));
    }

    @Override
    public CompletableFuture<Void> deletePersonalAccessToken(String name) {
        return noContent("DELETE", "/personal-access-tokens/" + segment(name), null);
    }

    // Streams

    @Override
    public CompletableFuture<Optional<StreamDetails>> stream(Identifier streamId) {
        return lookup(streamPath(streamId), JsonReplies::streamDetails);
    }

    @Override
    public CompletableFuture<List<StreamInfo>> streams() {
        return get("/streams", node -> JsonReplies.list(node, JsonReplies::stream));
    }

    @Override
    public CompletableFuture<StreamInfo> createStream(String name) {
        return send("POST", "/streams", HttpJson.object("name", name), JsonReplies::stream);
    }

    @Override
    public CompletableFuture<Void> updateStream(Identifier streamId, String name) {
        return noContent("PUT", streamPath(streamId), HttpJson.object("name", name));
    }

    @Override
    public CompletableFuture<Void> deleteStream(Identifier streamId) {
        return noContent("DELETE", streamPath(streamId), null);
    }

    @Override
    public CompletableFuture<Void> purgeStream(Identifier streamId) {
        return noContent("DELETE", streamPath(streamId) + "/purge", null);
    }

    // Topics, partitions, segments

    @Override
    public CompletableFuture<Optional<TopicDetails>> topic(Identifier streamId, Identifier topicId) {
        return lookup(topicPath(streamId, topicId), JsonReplies::topicDetails);
    }

    @Override
    public CompletableFuture<List<TopicInfo>> topics(Identifier streamId) {
        return get(streamPath(streamId) + "/topics", node -> JsonReplies.list(node, JsonReplies::topic));
    }

    @Override
    public CompletableFuture<TopicDetails> createTopic(CreateTopic request) {
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("name", request.name());
            json.writeNumberProperty("partitions_count", request.partitionsCount());
            topicSettings(
                    json,
                    request.compressionAlgorithm(),
                    request.messageExpiryMicros(),
                    request.maxTopicSizeBytes(),
                    request.replicationFactor());
            json.writeEndObject();
        });
        return send("POST", streamPath(request.streamId()) + "/topics", body, JsonReplies::topicDetails);
    }

    @Override
    public CompletableFuture<Void> updateTopic(UpdateTopic request) {
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("name", request.name());
            topicSettings(
                    json,
                    request.compressionAlgorithm(),
                    request.messageExpiryMicros(),
                    request.maxTopicSizeBytes(),
                    request.replicationFactor());
            json.writeEndObject();
        });
        return noContent("PUT", topicPath(request.streamId(), request.topicId()), body);
    }

    private static void topicSettings(
            tools.jackson.core.JsonGenerator json,
            io.whippet.protocol.CompressionAlgorithm compression,
            long messageExpiryMicros,
            long maxTopicSizeBytes,
            int replicationFactor) {
        json.writeStringProperty("compression_algorithm", compression.name().toLowerCase(Locale.ROOT));
        json.writeName("message_expiry");
        json.writeNumber(new java.math.BigInteger(Long.toUnsignedString(messageExpiryMicros)));
        json.writeName("max_topic_size");
        json.writeNumber(new java.math.BigInteger(Long.toUnsignedString(maxTopicSizeBytes)));
        if (replicationFactor == 0) {
            json.writeNullProperty("replication_factor");
        } else {
            json.writeNumberProperty("replication_factor", replicationFactor);
        }
    }

    @Override
    public CompletableFuture<Void> deleteTopic(Identifier streamId, Identifier topicId) {
        return noContent("DELETE", topicPath(streamId, topicId), null);
    }

    @Override
    public CompletableFuture<Void> purgeTopic(Identifier streamId, Identifier topicId) {
        return noContent("DELETE", topicPath(streamId, topicId) + "/purge", null);
    }

    @Override
    public CompletableFuture<Void> createPartitions(Identifier streamId, Identifier topicId, long partitionsCount) {
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            json.writeNumberProperty("partitions_count", partitionsCount);
            json.writeEndObject();
        });
        return noContent("POST", topicPath(streamId, topicId) + "/partitions", body);
    }

    @Override
    public CompletableFuture<Void> deletePartitions(Identifier streamId, Identifier topicId, long partitionsCount) {
        return noContent(
                "DELETE", topicPath(streamId, topicId) + "/partitions?partitions_count=" + partitionsCount, null);
    }

    @Override
    public CompletableFuture<Void> deleteSegments(
            Identifier streamId, Identifier topicId, long partitionId, long segmentsCount) {
        return noContent(
                "DELETE",
                topicPath(streamId, topicId) + "/partitions/" + partitionId + "?segments_count=" + segmentsCount,
                null);
    }

    // Consumer groups and offsets

    @Override
    public CompletableFuture<Optional<ConsumerGroupDetails>> consumerGroup(
            Identifier streamId, Identifier topicId, Identifier groupId) {
        return lookup(groupsPath(streamId, topicId) + "/" + id(groupId), JsonReplies::groupDetails);
    }

    @Override
    public CompletableFuture<List<ConsumerGroupInfo>> consumerGroups(Identifier streamId, Identifier topicId) {
        return get(groupsPath(streamId, topicId), node -> JsonReplies.list(node, JsonReplies::group));
    }

    @Override
    public CompletableFuture<ConsumerGroupInfo> createConsumerGroup(
            Identifier streamId, Identifier topicId, String name) {
        return send(
                "POST",
                groupsPath(streamId, topicId),
                HttpJson.object("name", name),
                node -> JsonReplies.groupDetails(node).group());
    }

    @Override
    public CompletableFuture<Void> deleteConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        return noContent("DELETE", groupsPath(streamId, topicId) + "/" + id(groupId), null);
    }

    /** Unavailable: membership belongs to a connection, and HTTP has none. */
    @Override
    public CompletableFuture<Void> joinConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        return unavailable("join consumer group");
    }

    /** Unavailable: membership belongs to a connection, and HTTP has none. */
    @Override
    public CompletableFuture<Void> leaveConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        return unavailable("leave consumer group");
    }

    @Override
    public CompletableFuture<Optional<ConsumerOffsetInfo>> consumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId) {
        if (consumer.kind() != Consumer.Kind.CONSUMER) {
            return groupConsumerUnavailable();
        }
        String query = "?consumer_id=" + id(consumer.id()) + partitionQuery(partitionId);
        return lookup(topicPath(streamId, topicId) + "/consumer-offsets" + query, JsonReplies::offset);
    }

    @Override
    public CompletableFuture<Void> storeConsumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId, long offset) {
        if (consumer.kind() != Consumer.Kind.CONSUMER) {
            return groupConsumerUnavailable();
        }
        byte[] body = HttpJson.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("consumer_id", text(consumer.id()));
            if (partitionId.present()) {
                json.writeNumberProperty("partition_id", partitionId.partitionId());
            } else {
                json.writeNullProperty("partition_id");
            }
            json.writeName("offset");
            json.writeNumber(new java.math.BigInteger(Long.toUnsignedString(offset)));
            json.writeEndObject();
        });
        return noContent("PUT", topicPath(streamId, topicId) + "/consumer-offsets", body);
    }

    @Override
    public CompletableFuture<Void> deleteConsumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId) {
        if (consumer.kind() != Consumer.Kind.CONSUMER) {
            return groupConsumerUnavailable();
        }
        String query = partitionId.present() ? "?partition_id=" + partitionId.partitionId() : "";
        return noContent(
                "DELETE", topicPath(streamId, topicId) + "/consumer-offsets/" + id(consumer.id()) + query, null);
    }

    // Messages

    /** Sends one batch as JSON (payloads base64); the server answers 201. */
    @Override
    public CompletableFuture<Void> sendMessages(
            Identifier streamId, Identifier topicId, Partitioning partitioning, List<Message> messages) {
        byte[] body;
        try {
            body = MessagesJson.sendBody(partitioning, messages);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return noContent("POST", topicPath(streamId, topicId) + "/messages", body);
    }

    /** Polls as JSON; the messages come back laid out as over TCP (see {@link MessagesJson}). */
    @Override
    public CompletableFuture<PolledMessages> pollMessages(PollMessages request) {
        if (request.consumer().kind() != Consumer.Kind.CONSUMER) {
            return groupConsumerUnavailable();
        }
        String kind;
        long value;
        switch (request.strategy()) {
            case PollingStrategy.Offset offset -> {
                kind = "offset";
                value = offset.value();
            }
            case PollingStrategy.Timestamp timestamp -> {
                kind = "timestamp";
                value = timestamp.value();
            }
            case PollingStrategy.First first -> {
                kind = "first";
                value = 0;
            }
            case PollingStrategy.Last last -> {
                kind = "last";
                value = 0;
            }
            case PollingStrategy.Next next -> {
                kind = "next";
                value = 0;
            }
        }
        String query = "?consumer_id=" + id(request.consumer().id())
                + partitionQuery(request.partitionId())
                + "&kind=" + kind
                + "&value=" + Long.toUnsignedString(value)
                + "&count=" + request.count()
                + "&auto_commit=" + request.autoCommit();
        return session.call(
                        "GET",
                        topicPath(request.streamId(), request.topicId()) + "/messages" + query,
                        null,
                        RestSession.Access.TOKEN,
                        false)
                .thenApply(reply -> MessagesJson.polled(reply.body()));
    }

    @Override
    public CompletableFuture<Void> flushUnsavedBuffer(
            Identifier streamId, Identifier topicId, long partitionId, boolean fsync) {
        return session.call(
                        "GET",
                        topicPath(streamId, topicId) + "/messages/flush/" + partitionId + "/" + fsync,
                        null,
                        RestSession.Access.TOKEN,
                        false)
                .thenApply(reply -> null);
    }

    // Plumbing

    private <T> CompletableFuture<T> get(String path, Function<JsonNode, T> decoder) {
        return send("GET", path, null, decoder);
    }

    private <T> CompletableFuture<T> send(
            String method, String path, byte @Nullable [] body, Function<JsonNode, T> decoder) {
        return session.call(method, path, body, RestSession.Access.TOKEN, false)
                .thenApply(reply -> decoder.apply(reply.json()));
    }

    private <T> CompletableFuture<Optional<T>> lookup(String path, Function<JsonNode, T> decoder) {
        return session.call("GET", path, null, RestSession.Access.TOKEN, true)
                .thenApply(reply ->
                        reply.status() == 404 ? Optional.<T>empty() : Optional.of(decoder.apply(reply.json())));
    }

    private CompletableFuture<Void> noContent(String method, String path, byte @Nullable [] body) {
        return session.call(method, path, body, RestSession.Access.TOKEN, false).thenApply(reply -> null);
    }

    private static <T> CompletableFuture<T> unavailable(String what) {
        return CompletableFuture.failedFuture(new WhippetClientException(
                ErrorCode.FEATURE_UNAVAILABLE,
                what + ": HTTP lacks it (no connection for the server to keep a session on); use TCP"));
    }

    private static <T> CompletableFuture<T> groupConsumerUnavailable() {
        return CompletableFuture.failedFuture(new WhippetClientException(
                ErrorCode.FEATURE_UNAVAILABLE,
                "consumer kind: consumer group (expected: consumer; HTTP lacks consumer groups, use TCP)"));
    }

    private static String streamPath(Identifier streamId) {
        return "/streams/" + id(streamId);
    }

    private static String topicPath(Identifier streamId, Identifier topicId) {
        return streamPath(streamId) + "/topics/" + id(topicId);
    }

    private static String groupsPath(Identifier streamId, Identifier topicId) {
        return topicPath(streamId, topicId) + "/consumer-groups";
    }

    private static String partitionQuery(OptionalPartitionId partitionId) {
        return partitionId.present() ? "&partition_id=" + partitionId.partitionId() : "";
    }

    /** An identifier as a path segment or query value: the number, or the percent-encoded name. */
    private static String id(Identifier identifier) {
        return segment(text(identifier));
    }

    private static String text(Identifier identifier) {
        return switch (identifier) {
            case Identifier.Numeric numeric -> Long.toString(numeric.id());
            case Identifier.Named named -> named.name();
        };
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code FILESYSTEM_OVERVIEW} to {@code FilesystemOverview}, the API's enum spelling. */
    private static String pascal(String constant) {
        return java.util.Arrays.stream(constant.toLowerCase(Locale.ROOT).split("_"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining());
    }
}
