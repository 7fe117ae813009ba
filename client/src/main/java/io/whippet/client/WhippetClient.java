package io.whippet.client;

import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.Permissions;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous Whippet (Iggy 0.8.0) client: one method per command, each returning a future of
 * the decoded reply. Requests on one client go out in call order and their futures complete in the
 * same order. A refused request fails with {@link ServerErrorException} (carrying the status), a
 * transport failure with {@link ConnectionException}. A single-object lookup that finds nothing
 * completes with an empty {@code Optional}, as the server answers it with an empty OK.
 *
 * <p>Futures complete on the client's I/O thread: chain non-blocking work on them, or hop to an
 * executor ({@code thenApplyAsync}) before blocking. {@link BlockingClient} wraps any client for
 * straight-line code.
 *
 * <pre>{@code
 * try (WhippetClient client = TcpClient.connect("iggy://iggy:iggy@127.0.0.1:8090")) {
 *     client.createStream("orders")
 *             .thenCompose(stream -> client.sendMessages(
 *                     Identifier.of("orders"), Identifier.of("new"), Partitioning.balanced(),
 *                     List.of(Message.of("hello"))))
 *             .join();
 * }
 * }</pre>
 *
 * Transports implement this interface ({@code tcp.TcpClient}, {@code http.WhippetHttpClient}), so
 * code written against it does not change with the transport; {@link #create} picks one from the
 * configuration.
 */
public interface WhippetClient extends AutoCloseable {
    /** A client over {@code config.transport()}; it connects on first use or {@link #connect()}. */
    static WhippetClient create(ClientConfig config) {
        return switch (config.transport()) {
            case TCP -> io.whippet.client.tcp.TcpClient.create(config);
            case QUIC -> io.whippet.client.quic.QuicClient.create(config);
            case HTTP -> io.whippet.client.http.WhippetHttpClient.create(config);
        };
    }

    /** Connects (and logs in, when credentials are configured) now rather than on first use. */
    CompletableFuture<Void> connect();

    /** Runs {@code listener} on the I/O thread after every reconnect and re-login (not the first connect). */
    void onReconnected(Runnable listener);

    /** Closes the connection; requests in flight fail with {@link ConnectionException}. */
    @Override
    void close();

    // System

    CompletableFuture<Void> ping();

    CompletableFuture<Stats> stats();

    /** The server's diagnostic snapshot: raw zip bytes. */
    CompletableFuture<byte[]> snapshot(GetSnapshot request);

    CompletableFuture<ClusterMetadata> clusterMetadata();

    /** This connection as the server sees it. */
    CompletableFuture<ClientDetails> me();

    CompletableFuture<Optional<ClientDetails>> client(long clientId);

    CompletableFuture<List<ClientInfo>> clients();

    // Session and users

    /** Logs in and remembers the credentials, so a reconnect logs in again. */
    CompletableFuture<Identity> login(String username, String password);

    /** Logs in with a personal access token and remembers it for reconnects. */
    CompletableFuture<Identity> loginWithToken(String token);

    /** Logs out and forgets the credentials. */
    CompletableFuture<Void> logout();

    CompletableFuture<Optional<UserDetails>> user(Identifier userId);

    CompletableFuture<List<UserInfo>> users();

    CompletableFuture<UserDetails> createUser(CreateUser request);

    CompletableFuture<Void> deleteUser(Identifier userId);

    CompletableFuture<Void> updateUser(UpdateUser request);

    /** Replaces a user's permissions; null clears them. */
    CompletableFuture<Void> updatePermissions(Identifier userId, @Nullable Permissions permissions);

    CompletableFuture<Void> changePassword(Identifier userId, String currentPassword, String newPassword);

    CompletableFuture<List<PersonalAccessTokenInfo>> personalAccessTokens();

    /** Creates a token; the raw secret is returned only this once. Expiry 0 = server default. */
    CompletableFuture<RawPersonalAccessToken> createPersonalAccessToken(String name, long expiryMicros);

    CompletableFuture<Void> deletePersonalAccessToken(String name);

    // Streams

    CompletableFuture<Optional<StreamDetails>> stream(Identifier streamId);

    CompletableFuture<List<StreamInfo>> streams();

    CompletableFuture<StreamInfo> createStream(String name);

    CompletableFuture<Void> updateStream(Identifier streamId, String name);

    CompletableFuture<Void> deleteStream(Identifier streamId);

    CompletableFuture<Void> purgeStream(Identifier streamId);

    // Topics, partitions, segments

    CompletableFuture<Optional<TopicDetails>> topic(Identifier streamId, Identifier topicId);

    CompletableFuture<List<TopicInfo>> topics(Identifier streamId);

    CompletableFuture<TopicDetails> createTopic(CreateTopic request);

    CompletableFuture<Void> updateTopic(UpdateTopic request);

    CompletableFuture<Void> deleteTopic(Identifier streamId, Identifier topicId);

    CompletableFuture<Void> purgeTopic(Identifier streamId, Identifier topicId);

    CompletableFuture<Void> createPartitions(Identifier streamId, Identifier topicId, long partitionsCount);

    /** Removes the {@code partitionsCount} highest-numbered partitions. */
    CompletableFuture<Void> deletePartitions(Identifier streamId, Identifier topicId, long partitionsCount);

    CompletableFuture<Void> deleteSegments(
            Identifier streamId, Identifier topicId, long partitionId, long segmentsCount);

    // Consumer groups and offsets

    CompletableFuture<Optional<ConsumerGroupDetails>> consumerGroup(
            Identifier streamId, Identifier topicId, Identifier groupId);

    CompletableFuture<List<ConsumerGroupInfo>> consumerGroups(Identifier streamId, Identifier topicId);

    CompletableFuture<ConsumerGroupInfo> createConsumerGroup(Identifier streamId, Identifier topicId, String name);

    CompletableFuture<Void> deleteConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId);

    /** Joins on this connection: membership belongs to the connection and ends when it closes. */
    CompletableFuture<Void> joinConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId);

    CompletableFuture<Void> leaveConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId);

    CompletableFuture<Optional<ConsumerOffsetInfo>> consumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId);

    CompletableFuture<Void> storeConsumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId, long offset);

    CompletableFuture<Void> deleteConsumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId);

    // Messages

    /**
     * Sends one batch. The frame is laid out directly in a pooled transport buffer: each payload is
     * copied once, into the frame, and must not change until the future completes.
     */
    CompletableFuture<Void> sendMessages(
            Identifier streamId, Identifier topicId, Partitioning partitioning, List<Message> messages);

    /** The reply owns its message area (a copy of the transport's buffer). */
    CompletableFuture<PolledMessages> pollMessages(PollMessages request);

    /**
     * Like {@link #pollMessages}, but the reply borrows the transport's buffer instead of copying
     * it: the cheaper way to read many messages. The caller must close the result when done with
     * it (see {@link BorrowedMessages}). Transports that have no buffer to lend return a copy.
     */
    default CompletableFuture<BorrowedMessages> pollMessagesBorrowed(PollMessages request) {
        return pollMessages(request).thenApply(BorrowedMessages::owned);
    }

    CompletableFuture<Void> flushUnsavedBuffer(
            Identifier streamId, Identifier topicId, long partitionId, boolean fsync);
}
