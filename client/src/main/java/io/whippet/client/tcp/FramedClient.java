package io.whippet.client.tcp;

import io.whippet.client.BorrowedMessages;
import io.whippet.client.Credentials;
import io.whippet.client.Message;
import io.whippet.client.WhippetClient;
import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.command.ChangePassword;
import io.whippet.protocol.command.Command;
import io.whippet.protocol.command.CreateConsumerGroup;
import io.whippet.protocol.command.CreatePartitions;
import io.whippet.protocol.command.CreatePersonalAccessToken;
import io.whippet.protocol.command.CreateStream;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.DeleteConsumerGroup;
import io.whippet.protocol.command.DeleteConsumerOffset;
import io.whippet.protocol.command.DeletePartitions;
import io.whippet.protocol.command.DeletePersonalAccessToken;
import io.whippet.protocol.command.DeleteSegments;
import io.whippet.protocol.command.DeleteStream;
import io.whippet.protocol.command.DeleteTopic;
import io.whippet.protocol.command.DeleteUser;
import io.whippet.protocol.command.FlushUnsavedBuffer;
import io.whippet.protocol.command.GetClient;
import io.whippet.protocol.command.GetClients;
import io.whippet.protocol.command.GetClusterMetadata;
import io.whippet.protocol.command.GetConsumerGroup;
import io.whippet.protocol.command.GetConsumerGroups;
import io.whippet.protocol.command.GetConsumerOffset;
import io.whippet.protocol.command.GetMe;
import io.whippet.protocol.command.GetPersonalAccessTokens;
import io.whippet.protocol.command.GetSnapshot;
import io.whippet.protocol.command.GetStats;
import io.whippet.protocol.command.GetStream;
import io.whippet.protocol.command.GetStreams;
import io.whippet.protocol.command.GetTopic;
import io.whippet.protocol.command.GetTopics;
import io.whippet.protocol.command.GetUser;
import io.whippet.protocol.command.GetUsers;
import io.whippet.protocol.command.JoinConsumerGroup;
import io.whippet.protocol.command.LeaveConsumerGroup;
import io.whippet.protocol.command.LoginUser;
import io.whippet.protocol.command.LoginWithPersonalAccessToken;
import io.whippet.protocol.command.LogoutUser;
import io.whippet.protocol.command.Ping;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.command.PurgeStream;
import io.whippet.protocol.command.PurgeTopic;
import io.whippet.protocol.command.StoreConsumerOffset;
import io.whippet.protocol.command.UpdatePermissions;
import io.whippet.protocol.command.UpdateStream;
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
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The commands of {@link WhippetClient} laid out in Iggy's binary frames, over any transport that
 * carries one request frame and one response frame per request ({@link RequestChannel}): TCP
 * pipelines them on one connection, QUIC sends each on a stream of its own. Replies are decoded
 * here, once for every transport.
 */
public abstract class FramedClient implements WhippetClient {
    /** Sent with every login, as Iggy's SDKs do. */
    public static final String CLIENT_VERSION = "whippet-java-sdk/0.1.0";

    public static final String CLIENT_CONTEXT = "Whippet Java SDK 0.1.0";

    private static final ReplyDecoder<@Nullable Void> NOTHING = payload -> null;

    private final RequestChannel connection;

    protected FramedClient(RequestChannel connection) {
        this.connection = connection;
    }

    /** The login request replayed after every (re)connect, or null when there are no credentials. */
    public static @Nullable Command loginCommand(Credentials credentials) {
        return switch (credentials) {
            case Credentials.None none -> null;
            case Credentials.UsernamePassword password ->
                new LoginUser(password.username(), password.password(), CLIENT_VERSION, CLIENT_CONTEXT);
            case Credentials.PersonalAccessToken token -> new LoginWithPersonalAccessToken(token.token());
        };
    }

    @Override
    public final CompletableFuture<Void> connect() {
        return connection.connect();
    }

    @Override
    public void onReconnected(Runnable listener) {
        connection.onReconnected(listener);
    }

    @Override
    public void close() {
        connection.close();
    }

    // System

    @Override
    public CompletableFuture<Void> ping() {
        return empty(new Ping());
    }

    @Override
    public CompletableFuture<Stats> stats() {
        return connection.request(new GetStats(), Stats::decode);
    }

    @Override
    public CompletableFuture<byte[]> snapshot(GetSnapshot request) {
        return connection.request(request, FramedClient::bytes);
    }

    @Override
    public CompletableFuture<ClusterMetadata> clusterMetadata() {
        return connection.request(new GetClusterMetadata(), ClusterMetadata::decode);
    }

    @Override
    public CompletableFuture<ClientDetails> me() {
        return connection.request(new GetMe(), ClientDetails::decode);
    }

    @Override
    public CompletableFuture<Optional<ClientDetails>> client(long clientId) {
        return connection.request(new GetClient(clientId), optional(ClientDetails::decode));
    }

    @Override
    public CompletableFuture<List<ClientInfo>> clients() {
        return connection.request(new GetClients(), ClientInfo::decodeList);
    }

    // Session and users

    @Override
    public CompletableFuture<Identity> login(String username, String password) {
        return connection
                .request(new LoginUser(username, password, CLIENT_VERSION, CLIENT_CONTEXT), Identity::decode)
                .thenApply(identity -> {
                    connection.rememberCredentials(Credentials.password(username, password));
                    return identity;
                });
    }

    @Override
    public CompletableFuture<Identity> loginWithToken(String token) {
        return connection
                .request(new LoginWithPersonalAccessToken(token), Identity::decode)
                .thenApply(identity -> {
                    connection.rememberCredentials(Credentials.token(token));
                    return identity;
                });
    }

    @Override
    public CompletableFuture<Void> logout() {
        return empty(new LogoutUser()).thenRun(() -> connection.rememberCredentials(Credentials.none()));
    }

    @Override
    public CompletableFuture<Optional<UserDetails>> user(Identifier userId) {
        return connection.request(new GetUser(userId), optional(UserDetails::decode));
    }

    @Override
    public CompletableFuture<List<UserInfo>> users() {
        return connection.request(new GetUsers(), UserInfo::decodeList);
    }

    @Override
    public CompletableFuture<UserDetails> createUser(CreateUser request) {
        return connection.request(request, UserDetails::decode);
    }

    @Override
    public CompletableFuture<Void> deleteUser(Identifier userId) {
        return empty(new DeleteUser(userId));
    }

    @Override
    public CompletableFuture<Void> updateUser(UpdateUser request) {
        return empty(request);
    }

    @Override
    public CompletableFuture<Void> updatePermissions(Identifier userId, @Nullable Permissions permissions) {
        return empty(new UpdatePermissions(userId, permissions));
    }

    @Override
    public CompletableFuture<Void> changePassword(Identifier userId, String currentPassword, String newPassword) {
        return empty(new ChangePassword(userId, currentPassword, newPassword));
    }

    @Override
    public CompletableFuture<List<PersonalAccessTokenInfo>> personalAccessTokens() {
        return connection.request(new GetPersonalAccessTokens(), PersonalAccessTokenInfo::decodeList);
    }

    @Override
    public CompletableFuture<RawPersonalAccessToken> createPersonalAccessToken(String name, long expiryMicros) {
        return connection.request(new CreatePersonalAccessToken(name, expiryMicros), RawPersonalAccessToken::decode);
    }

    @Override
    public CompletableFuture<Void> deletePersonalAccessToken(String name) {
        return empty(new DeletePersonalAccessToken(name));
    }

    // Streams

    @Override
    public CompletableFuture<Optional<StreamDetails>> stream(Identifier streamId) {
        return connection.request(new GetStream(streamId), optional(StreamDetails::decode));
    }

    @Override
    public CompletableFuture<List<StreamInfo>> streams() {
        return connection.request(new GetStreams(), StreamInfo::decodeList);
    }

    @Override
    public CompletableFuture<StreamInfo> createStream(String name) {
        return connection.request(new CreateStream(name), StreamInfo::decode);
    }

    @Override
    public CompletableFuture<Void> updateStream(Identifier streamId, String name) {
        return empty(new UpdateStream(streamId, name));
    }

    @Override
    public CompletableFuture<Void> deleteStream(Identifier streamId) {
        return empty(new DeleteStream(streamId));
    }

    @Override
    public CompletableFuture<Void> purgeStream(Identifier streamId) {
        return empty(new PurgeStream(streamId));
    }

    // Topics, partitions, segments

    @Override
    public CompletableFuture<Optional<TopicDetails>> topic(Identifier streamId, Identifier topicId) {
        return connection.request(new GetTopic(streamId, topicId), optional(TopicDetails::decode));
    }

    @Override
    public CompletableFuture<List<TopicInfo>> topics(Identifier streamId) {
        return connection.request(new GetTopics(streamId), TopicInfo::decodeList);
    }

    @Override
    public CompletableFuture<TopicDetails> createTopic(CreateTopic request) {
        return connection.request(request, TopicDetails::decode);
    }

    @Override
    public CompletableFuture<Void> updateTopic(UpdateTopic request) {
        return empty(request);
    }

    @Override
    public CompletableFuture<Void> deleteTopic(Identifier streamId, Identifier topicId) {
        return empty(new DeleteTopic(streamId, topicId));
    }

    @Override
    public CompletableFuture<Void> purgeTopic(Identifier streamId, Identifier topicId) {
        return empty(new PurgeTopic(streamId, topicId));
    }

    @Override
    public CompletableFuture<Void> createPartitions(Identifier streamId, Identifier topicId, long partitionsCount) {
        return empty(new CreatePartitions(streamId, topicId, partitionsCount));
    }

    @Override
    public CompletableFuture<Void> deletePartitions(Identifier streamId, Identifier topicId, long partitionsCount) {
        return empty(new DeletePartitions(streamId, topicId, partitionsCount));
    }

    @Override
    public CompletableFuture<Void> deleteSegments(
            Identifier streamId, Identifier topicId, long partitionId, long segmentsCount) {
        return empty(new DeleteSegments(streamId, topicId, partitionId, segmentsCount));
    }

    // Consumer groups and offsets

    @Override
    public CompletableFuture<Optional<ConsumerGroupDetails>> consumerGroup(
            Identifier streamId, Identifier topicId, Identifier groupId) {
        return connection.request(
                new GetConsumerGroup(streamId, topicId, groupId), optional(ConsumerGroupDetails::decode));
    }

    @Override
    public CompletableFuture<List<ConsumerGroupInfo>> consumerGroups(Identifier streamId, Identifier topicId) {
        return connection.request(new GetConsumerGroups(streamId, topicId), ConsumerGroupInfo::decodeList);
    }

    @Override
    public CompletableFuture<ConsumerGroupInfo> createConsumerGroup(
            Identifier streamId, Identifier topicId, String name) {
        return connection.request(new CreateConsumerGroup(streamId, topicId, name), ConsumerGroupInfo::decode);
    }

    @Override
    public CompletableFuture<Void> deleteConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        return empty(new DeleteConsumerGroup(streamId, topicId, groupId));
    }

    @Override
    public CompletableFuture<Void> joinConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        return empty(new JoinConsumerGroup(streamId, topicId, groupId));
    }

    @Override
    public CompletableFuture<Void> leaveConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        return empty(new LeaveConsumerGroup(streamId, topicId, groupId));
    }

    @Override
    public CompletableFuture<Optional<ConsumerOffsetInfo>> consumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId) {
        return connection.request(
                new GetConsumerOffset(consumer, streamId, topicId, partitionId), optional(ConsumerOffsetInfo::decode));
    }

    @Override
    public CompletableFuture<Void> storeConsumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId, long offset) {
        return empty(new StoreConsumerOffset(consumer, streamId, topicId, partitionId, offset));
    }

    @Override
    public CompletableFuture<Void> deleteConsumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId) {
        return empty(new DeleteConsumerOffset(consumer, streamId, topicId, partitionId));
    }

    // Messages

    @Override
    public CompletableFuture<Void> sendMessages(
            Identifier streamId, Identifier topicId, Partitioning partitioning, List<Message> messages) {
        return connection.request(
                CommandCode.SEND_MESSAGES,
                false,
                allocator -> RequestEncoder.encodeSend(allocator, streamId, topicId, partitioning, messages),
                nothing());
    }

    @Override
    public CompletableFuture<PolledMessages> pollMessages(PollMessages request) {
        return connection.request(request, LendingPollDecoder::copied);
    }

    @Override
    public CompletableFuture<BorrowedMessages> pollMessagesBorrowed(PollMessages request) {
        return connection.request(request, LendingPollDecoder.INSTANCE);
    }

    @Override
    public CompletableFuture<Void> flushUnsavedBuffer(
            Identifier streamId, Identifier topicId, long partitionId, boolean fsync) {
        return empty(new FlushUnsavedBuffer(streamId, topicId, partitionId, fsync));
    }

    private CompletableFuture<Void> empty(Command command) {
        return connection.request(command, nothing());
    }

    @SuppressWarnings("unchecked")
    private static ReplyDecoder<Void> nothing() {
        return (ReplyDecoder<Void>) (ReplyDecoder<?>) NOTHING;
    }

    private static <T> ReplyDecoder<Optional<T>> optional(Function<ByteBuffer, T> decoder) {
        return payload -> payload.hasRemaining() ? Optional.of(decoder.apply(payload)) : Optional.empty();
    }

    private static byte[] bytes(ByteBuffer payload) {
        byte[] out = new byte[payload.remaining()];
        payload.get(out);
        return out;
    }
}
