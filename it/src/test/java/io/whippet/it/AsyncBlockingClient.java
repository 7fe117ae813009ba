package io.whippet.it;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.ConsumerGroupsClient;
import org.apache.iggy.client.blocking.ConsumerOffsetsClient;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.client.blocking.MessagesClient;
import org.apache.iggy.client.blocking.PartitionsClient;
import org.apache.iggy.client.blocking.PersonalAccessTokensClient;
import org.apache.iggy.client.blocking.StreamsClient;
import org.apache.iggy.client.blocking.SystemClient;
import org.apache.iggy.client.blocking.TopicsClient;
import org.apache.iggy.client.blocking.UsersClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroup;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.consumeroffset.ConsumerOffsetInfo;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.identifier.UserId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo;
import org.apache.iggy.personalaccesstoken.RawPersonalAccessToken;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.system.ClientInfo;
import org.apache.iggy.system.ClientInfoDetails;
import org.apache.iggy.system.Stats;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.Topic;
import org.apache.iggy.topic.TopicDetails;
import org.apache.iggy.user.IdentityInfo;
import org.apache.iggy.user.Permissions;
import org.apache.iggy.user.UserInfo;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's async TCP client seen through the blocking interfaces, so the contract tests run the same
 * assertions over both flavours. Every call goes straight to the async client and waits for its
 * future; a failed future rethrows the SDK's own exception (never a {@link CompletionException}),
 * the way the SDK's blocking client does. Waits are bounded so a lost response fails the test
 * instead of hanging it. Thread-safe as far as the async client is.
 */
final class AsyncBlockingClient implements IggyBaseClient, AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final AsyncIggyTcpClient async;

    AsyncBlockingClient(AsyncIggyTcpClient async) {
        this.async = async;
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no response within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private static RuntimeException unwrap(@Nullable Throwable cause) {
        if (cause == null) {
            return new IllegalStateException("future failed without a cause");
        }
        Throwable current = cause;
        while (current instanceof CompletionException || current instanceof ExecutionException) {
            Throwable inner = current.getCause();
            if (inner == null) {
                break;
            }
            current = inner;
        }
        if (current instanceof RuntimeException runtime) {
            return runtime;
        }
        if (current instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(current);
    }

    @Override
    public void close() {
        await(async.close());
    }

    @Override
    public SystemClient system() {
        var delegate = async.system();
        return new SystemClient() {
            @Override
            public Stats getStats() {
                return await(delegate.getStats());
            }

            @Override
            public ClientInfoDetails getMe() {
                return await(delegate.getMe());
            }

            @Override
            public ClientInfoDetails getClient(Long clientId) {
                return await(delegate.getClient(clientId));
            }

            @Override
            public List<ClientInfo> getClients() {
                return await(delegate.getClients());
            }

            @Override
            public String ping() {
                return await(delegate.ping());
            }
        };
    }

    @Override
    public StreamsClient streams() {
        var delegate = async.streams();
        return new StreamsClient() {
            @Override
            public Optional<StreamDetails> getStream(StreamId streamId) {
                return await(delegate.getStream(streamId));
            }

            @Override
            public List<StreamBase> getStreams() {
                return await(delegate.getStreams());
            }

            @Override
            public StreamDetails createStream(String name) {
                return await(delegate.createStream(name));
            }

            @Override
            public void updateStream(StreamId streamId, String name) {
                await(delegate.updateStream(streamId, name));
            }

            @Override
            public void deleteStream(StreamId streamId) {
                await(delegate.deleteStream(streamId));
            }
        };
    }

    @Override
    public UsersClient users() {
        var delegate = async.users();
        return new UsersClient() {
            @Override
            public Optional<UserInfoDetails> getUser(UserId userId) {
                return await(delegate.getUser(userId));
            }

            @Override
            public List<UserInfo> getUsers() {
                return await(delegate.getUsers());
            }

            @Override
            public UserInfoDetails createUser(
                    String username, String password, UserStatus status, Optional<Permissions> permissions) {
                return await(delegate.createUser(username, password, status, permissions));
            }

            @Override
            public void deleteUser(UserId userId) {
                await(delegate.deleteUser(userId));
            }

            @Override
            public void updateUser(UserId userId, Optional<String> username, Optional<UserStatus> status) {
                await(delegate.updateUser(userId, username, status));
            }

            @Override
            public void updatePermissions(UserId userId, Optional<Permissions> permissions) {
                await(delegate.updatePermissions(userId, permissions));
            }

            @Override
            public void changePassword(UserId userId, String currentPassword, String newPassword) {
                await(delegate.changePassword(userId, currentPassword, newPassword));
            }

            @Override
            public IdentityInfo login(String username, String password) {
                return await(delegate.login(username, password));
            }

            @Override
            public void logout() {
                await(delegate.logout());
            }
        };
    }

    @Override
    public TopicsClient topics() {
        var delegate = async.topics();
        return new TopicsClient() {
            @Override
            public Optional<TopicDetails> getTopic(StreamId streamId, TopicId topicId) {
                return await(delegate.getTopic(streamId, topicId));
            }

            @Override
            public List<Topic> getTopics(StreamId streamId) {
                return await(delegate.getTopics(streamId));
            }

            @Override
            public TopicDetails createTopic(
                    StreamId streamId,
                    Long partitionsCount,
                    CompressionAlgorithm compressionAlgorithm,
                    BigInteger messageExpiry,
                    BigInteger maxTopicSize,
                    Optional<Short> replicationFactor,
                    String name) {
                return await(delegate.createTopic(
                        streamId,
                        partitionsCount,
                        compressionAlgorithm,
                        messageExpiry,
                        maxTopicSize,
                        replicationFactor,
                        name));
            }

            @Override
            public void updateTopic(
                    StreamId streamId,
                    TopicId topicId,
                    CompressionAlgorithm compressionAlgorithm,
                    BigInteger messageExpiry,
                    BigInteger maxTopicSize,
                    Optional<Short> replicationFactor,
                    String name) {
                await(delegate.updateTopic(
                        streamId, topicId, compressionAlgorithm, messageExpiry, maxTopicSize, replicationFactor, name));
            }

            @Override
            public void deleteTopic(StreamId streamId, TopicId topicId) {
                await(delegate.deleteTopic(streamId, topicId));
            }
        };
    }

    @Override
    public PartitionsClient partitions() {
        var delegate = async.partitions();
        return new PartitionsClient() {
            @Override
            public void createPartitions(StreamId streamId, TopicId topicId, Long partitionsCount) {
                await(delegate.createPartitions(streamId, topicId, partitionsCount));
            }

            @Override
            public void deletePartitions(StreamId streamId, TopicId topicId, Long partitionsCount) {
                await(delegate.deletePartitions(streamId, topicId, partitionsCount));
            }
        };
    }

    @Override
    public ConsumerGroupsClient consumerGroups() {
        var delegate = async.consumerGroups();
        return new ConsumerGroupsClient() {
            @Override
            public Optional<ConsumerGroupDetails> getConsumerGroup(
                    StreamId streamId, TopicId topicId, ConsumerId groupId) {
                return await(delegate.getConsumerGroup(streamId, topicId, groupId));
            }

            @Override
            public List<ConsumerGroup> getConsumerGroups(StreamId streamId, TopicId topicId) {
                return await(delegate.getConsumerGroups(streamId, topicId));
            }

            @Override
            public ConsumerGroupDetails createConsumerGroup(StreamId streamId, TopicId topicId, String name) {
                return await(delegate.createConsumerGroup(streamId, topicId, name));
            }

            @Override
            public void deleteConsumerGroup(StreamId streamId, TopicId topicId, ConsumerId groupId) {
                await(delegate.deleteConsumerGroup(streamId, topicId, groupId));
            }

            @Override
            public void joinConsumerGroup(StreamId streamId, TopicId topicId, ConsumerId groupId) {
                await(delegate.joinConsumerGroup(streamId, topicId, groupId));
            }

            @Override
            public void leaveConsumerGroup(StreamId streamId, TopicId topicId, ConsumerId groupId) {
                await(delegate.leaveConsumerGroup(streamId, topicId, groupId));
            }
        };
    }

    @Override
    public ConsumerOffsetsClient consumerOffsets() {
        var delegate = async.consumerOffsets();
        return new ConsumerOffsetsClient() {
            @Override
            public void storeConsumerOffset(
                    StreamId streamId,
                    TopicId topicId,
                    Optional<Long> partitionId,
                    Consumer consumer,
                    BigInteger offset) {
                await(delegate.storeConsumerOffset(streamId, topicId, partitionId, consumer, offset));
            }

            @Override
            public Optional<ConsumerOffsetInfo> getConsumerOffset(
                    StreamId streamId, TopicId topicId, Optional<Long> partitionId, Consumer consumer) {
                return await(delegate.getConsumerOffset(streamId, topicId, partitionId, consumer));
            }
        };
    }

    @Override
    public MessagesClient messages() {
        var delegate = async.messages();
        return new MessagesClient() {
            @Override
            public PolledMessages pollMessages(
                    StreamId streamId,
                    TopicId topicId,
                    Optional<Long> partitionId,
                    Consumer consumer,
                    PollingStrategy strategy,
                    Long count,
                    boolean autoCommit) {
                return await(
                        delegate.pollMessages(streamId, topicId, partitionId, consumer, strategy, count, autoCommit));
            }

            @Override
            public void sendMessages(
                    StreamId streamId, TopicId topicId, Partitioning partitioning, List<Message> messages) {
                await(delegate.sendMessages(streamId, topicId, partitioning, messages));
            }
        };
    }

    @Override
    public PersonalAccessTokensClient personalAccessTokens() {
        var delegate = async.personalAccessTokens();
        return new PersonalAccessTokensClient() {
            @Override
            public RawPersonalAccessToken createPersonalAccessToken(String name, BigInteger expiry) {
                return await(delegate.createPersonalAccessToken(name, expiry));
            }

            @Override
            public List<PersonalAccessTokenInfo> getPersonalAccessTokens() {
                return await(delegate.getPersonalAccessTokens());
            }

            @Override
            public void deletePersonalAccessToken(String name) {
                await(delegate.deletePersonalAccessToken(name));
            }

            @Override
            public IdentityInfo loginWithPersonalAccessToken(String token) {
                return await(delegate.loginWithPersonalAccessToken(token));
            }
        };
    }
}
