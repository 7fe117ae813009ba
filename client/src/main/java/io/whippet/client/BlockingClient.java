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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The blocking face of any {@link WhippetClient}: the same methods, each waiting for its reply and
 * throwing what the future failed with ({@link ServerErrorException}, {@link
 * ConnectionException}) unwrapped. Thread-safe; do not call it from a future callback of the same
 * client (that thread delivers the reply being waited for).
 */
public final class BlockingClient implements AutoCloseable {
    private final WhippetClient client;

    public BlockingClient(WhippetClient client) {
        this.client = client;
    }

    /** The asynchronous client underneath. */
    public WhippetClient async() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    public void connect() {
        await(client.connect());
    }

    public void ping() {
        await(client.ping());
    }

    public Stats stats() {
        return await(client.stats());
    }

    public byte[] snapshot(GetSnapshot request) {
        return await(client.snapshot(request));
    }

    public ClusterMetadata clusterMetadata() {
        return await(client.clusterMetadata());
    }

    public ClientDetails me() {
        return await(client.me());
    }

    public Optional<ClientDetails> client(long clientId) {
        return await(client.client(clientId));
    }

    public List<ClientInfo> clients() {
        return await(client.clients());
    }

    public Identity login(String username, String password) {
        return await(client.login(username, password));
    }

    public Identity loginWithToken(String token) {
        return await(client.loginWithToken(token));
    }

    public void logout() {
        await(client.logout());
    }

    public Optional<UserDetails> user(Identifier userId) {
        return await(client.user(userId));
    }

    public List<UserInfo> users() {
        return await(client.users());
    }

    public UserDetails createUser(CreateUser request) {
        return await(client.createUser(request));
    }

    public void deleteUser(Identifier userId) {
        await(client.deleteUser(userId));
    }

    public void updateUser(UpdateUser request) {
        await(client.updateUser(request));
    }

    public void updatePermissions(Identifier userId, @Nullable Permissions permissions) {
        await(client.updatePermissions(userId, permissions));
    }

    public void changePassword(Identifier userId, String currentPassword, String newPassword) {
        await(client.changePassword(userId, currentPassword, newPassword));
    }

    public List<PersonalAccessTokenInfo> personalAccessTokens() {
        return await(client.personalAccessTokens());
    }

    public RawPersonalAccessToken createPersonalAccessToken(String name, long expiryMicros) {
        return await(client.createPersonalAccessToken(name, expiryMicros));
    }

    public void deletePersonalAccessToken(String name) {
        await(client.deletePersonalAccessToken(name));
    }

    public Optional<StreamDetails> stream(Identifier streamId) {
        return await(client.stream(streamId));
    }

    public List<StreamInfo> streams() {
        return await(client.streams());
    }

    public StreamInfo createStream(String name) {
        return await(client.createStream(name));
    }

    public void updateStream(Identifier streamId, String name) {
        await(client.updateStream(streamId, name));
    }

    public void deleteStream(Identifier streamId) {
        await(client.deleteStream(streamId));
    }

    public void purgeStream(Identifier streamId) {
        await(client.purgeStream(streamId));
    }

    public Optional<TopicDetails> topic(Identifier streamId, Identifier topicId) {
        return await(client.topic(streamId, topicId));
    }

    public List<TopicInfo> topics(Identifier streamId) {
        return await(client.topics(streamId));
    }

    public TopicDetails createTopic(CreateTopic request) {
        return await(client.createTopic(request));
    }

    public void updateTopic(UpdateTopic request) {
        await(client.updateTopic(request));
    }

    public void deleteTopic(Identifier streamId, Identifier topicId) {
        await(client.deleteTopic(streamId, topicId));
    }

    public void purgeTopic(Identifier streamId, Identifier topicId) {
        await(client.purgeTopic(streamId, topicId));
    }

    public void createPartitions(Identifier streamId, Identifier topicId, long partitionsCount) {
        await(client.createPartitions(streamId, topicId, partitionsCount));
    }

    public void deletePartitions(Identifier streamId, Identifier topicId, long partitionsCount) {
        await(client.deletePartitions(streamId, topicId, partitionsCount));
    }

    public void deleteSegments(Identifier streamId, Identifier topicId, long partitionId, long segmentsCount) {
        await(client.deleteSegments(streamId, topicId, partitionId, segmentsCount));
    }

    public Optional<ConsumerGroupDetails> consumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        return await(client.consumerGroup(streamId, topicId, groupId));
    }

    public List<ConsumerGroupInfo> consumerGroups(Identifier streamId, Identifier topicId) {
        return await(client.consumerGroups(streamId, topicId));
    }

    public ConsumerGroupInfo createConsumerGroup(Identifier streamId, Identifier topicId, String name) {
        return await(client.createConsumerGroup(streamId, topicId, name));
    }

    public void deleteConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        await(client.deleteConsumerGroup(streamId, topicId, groupId));
    }

    public void joinConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        await(client.joinConsumerGroup(streamId, topicId, groupId));
    }

    public void leaveConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) {
        await(client.leaveConsumerGroup(streamId, topicId, groupId));
    }

    public Optional<ConsumerOffsetInfo> consumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId) {
        return await(client.consumerOffset(consumer, streamId, topicId, partitionId));
    }

    public void storeConsumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId, long offset) {
        await(client.storeConsumerOffset(consumer, streamId, topicId, partitionId, offset));
    }

    public void deleteConsumerOffset(
            Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId) {
        await(client.deleteConsumerOffset(consumer, streamId, topicId, partitionId));
    }

    public void sendMessages(
            Identifier streamId, Identifier topicId, Partitioning partitioning, List<Message> messages) {
        await(client.sendMessages(streamId, topicId, partitioning, messages));
    }

    public PolledMessages pollMessages(PollMessages request) {
        return await(client.pollMessages(request));
    }

    /** See {@link WhippetClient#pollMessagesBorrowed}: close the result when done with it. */
    public BorrowedMessages pollMessagesBorrowed(PollMessages request) {
        return await(client.pollMessagesBorrowed(request));
    }

    public void flushUnsavedBuffer(Identifier streamId, Identifier topicId, long partitionId, boolean fsync) {
        await(client.flushUnsavedBuffer(streamId, topicId, partitionId, fsync));
    }

    /** Waits for {@code future} and rethrows its failure unwrapped. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new ConnectionException("interrupted while waiting for a reply", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new WhippetClientException(
                io.whippet.protocol.ErrorCode.ERROR, String.valueOf(cause.getMessage()), cause);
    }
}
