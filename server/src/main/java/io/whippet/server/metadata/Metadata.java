package io.whippet.server.metadata;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.MetadataCommand.ChangePassword;
import io.whippet.server.metadata.MetadataCommand.CreateConsumerGroup;
import io.whippet.server.metadata.MetadataCommand.CreatePartitions;
import io.whippet.server.metadata.MetadataCommand.CreatePersonalAccessToken;
import io.whippet.server.metadata.MetadataCommand.CreateStream;
import io.whippet.server.metadata.MetadataCommand.CreateTopic;
import io.whippet.server.metadata.MetadataCommand.CreateUser;
import io.whippet.server.metadata.MetadataCommand.DeleteConsumerGroup;
import io.whippet.server.metadata.MetadataCommand.DeletePartitions;
import io.whippet.server.metadata.MetadataCommand.DeletePersonalAccessToken;
import io.whippet.server.metadata.MetadataCommand.DeleteStream;
import io.whippet.server.metadata.MetadataCommand.DeleteTopic;
import io.whippet.server.metadata.MetadataCommand.DeleteUser;
import io.whippet.server.metadata.MetadataCommand.UpdatePermissions;
import io.whippet.server.metadata.MetadataCommand.UpdateStream;
import io.whippet.server.metadata.MetadataCommand.UpdateTopic;
import io.whippet.server.metadata.MetadataCommand.UpdateUser;
import io.whippet.server.metadata.MetadataView.StreamNode;
import io.whippet.server.metadata.MetadataView.TopicNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The server's metadata: one method per mutating command, and reads. Owns a directory holding
 * {@code metadata.snapshot} ({@link MetadataSnapshot}) and {@code metadata.log} ({@link
 * MetadataLog}).
 *
 * <p>Every mutation runs under one writer lock: it validates the request against the current view,
 * decides everything non-deterministic (ids, {@code now}, resolved defaults; hashes come in already
 * computed), appends the resulting {@link MetadataCommand} to the log and fsyncs it, applies it to
 * get a new immutable {@link MetadataView}, and publishes that view through a volatile field. Only
 * then does the method return, so an acknowledged change survives a crash. Reads take the published
 * view and never block, not even on a writer's fsync; use {@link #view()} when several reads must
 * see one state.
 *
 * <p>Start-up loads the snapshot, replays the log entries after it and drops a torn tail. When the
 * log grows past {@link MetadataOptions#snapshotThresholdBytes()}, a snapshot replaces it.
 */
public final class Metadata implements AutoCloseable {
    /** Iggy 0.8.0 accepts at most this many partitions in one create request (error 2015). */
    public static final int MAX_PARTITIONS_PER_REQUEST = 1000;

    private static final System.Logger LOGGER = System.getLogger(Metadata.class.getName());

    private final Path directory;
    private final InstantSource clock;
    private final MetadataOptions options;
    private final MetadataLog log;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile MetadataView current;

    private Metadata(
            Path directory, InstantSource clock, MetadataOptions options, MetadataLog log, MetadataView current) {
        this.directory = directory;
        this.clock = clock;
        this.options = options;
        this.log = log;
        this.current = current;
    }

    /** Opens the metadata in {@code directory} (created if absent), recovering what was logged. */
    public static Metadata open(Path directory, InstantSource clock, MetadataOptions options) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_WRITE_TO_FILE, "metadata directory: " + directory + ": " + e, e);
        }
        MetadataView snapshot = MetadataSnapshot.read(directory).orElse(MetadataView.EMPTY);
        MetadataView[] replayed = {snapshot};
        MetadataLog log = MetadataLog.open(
                directory,
                snapshot.sequence(),
                (sequence, command) -> replayed[0] = MetadataApplier.apply(replayed[0], sequence, command));
        Metadata metadata = new Metadata(directory, clock, options, log, replayed[0]);
        metadata.writeLock.lock();
        try {
            metadata.maybeSnapshot();
        } finally {
            metadata.writeLock.unlock();
        }
        return metadata;
    }

    /** The current state: immutable, so several reads on it see one consistent model. */
    public MetadataView view() {
        return current;
    }

    // ---- streams

    public StreamInfo createStream(String name) {
        MetadataValidation.name(name, ErrorCode.INVALID_STREAM_NAME, "stream name");
        return locked(view -> {
            if (view.streamByName(name).isPresent()) {
                throw new WhippetException(ErrorCode.STREAM_NAME_ALREADY_EXISTS, "stream name: " + name + " (exists)");
            }
            long id = view.streamIds().peek();
            commit(new CreateStream(id, name, nowMicros()));
            return current.requireStream(Identifier.of(id));
        });
    }

    /** Renames a stream; renaming to its current name is an accepted no-op. */
    public StreamInfo updateStream(Identifier stream, String name) {
        MetadataValidation.name(name, ErrorCode.INVALID_STREAM_NAME, "stream name");
        return locked(view -> {
            StreamInfo info = view.requireStream(stream);
            if (info.name().equals(name)) {
                return info;
            }
            if (view.streamByName(name).isPresent()) {
                throw new WhippetException(ErrorCode.STREAM_NAME_ALREADY_EXISTS, "stream name: " + name + " (exists)");
            }
            commit(new UpdateStream(info.id(), name));
            return current.requireStream(Identifier.of(info.id()));
        });
    }

    /** Deletes a stream with its topics and groups; answers the deleted stream. */
    public StreamInfo deleteStream(Identifier stream) {
        return locked(view -> {
            StreamInfo info = view.requireStream(stream);
            commit(new DeleteStream(info.id()));
            return info;
        });
    }

    // ---- topics

    public TopicInfo createTopic(Identifier stream, int partitionsCount, TopicSettings settings) {
        MetadataValidation.partitionsCount(partitionsCount, true);
        MetadataValidation.name(settings.name(), ErrorCode.INVALID_TOPIC_NAME, "topic name");
        TopicSettings resolved = MetadataValidation.resolve(settings, options);
        return locked(view -> {
            StreamNode node = view.requireStreamNode(stream);
            if (MetadataView.topicNode(node, Identifier.of(settings.name())).isPresent()) {
                throw new WhippetException(
                        ErrorCode.TOPIC_NAME_ALREADY_EXISTS, "topic name: " + settings.name() + " (exists)");
            }
            long streamId = node.info().id();
            long topicId = node.topicIds().peek();
            commit(new CreateTopic(
                    streamId,
                    topicId,
                    resolved.name(),
                    nowMicros(),
                    partitionsCount,
                    resolved.compression(),
                    resolved.messageExpiryMicros(),
                    resolved.maxTopicSizeBytes(),
                    resolved.replicationFactor()));
            return topicById(streamId, topicId);
        });
    }

    public TopicInfo updateTopic(Identifier stream, Identifier topic, TopicSettings settings) {
        MetadataValidation.name(settings.name(), ErrorCode.INVALID_TOPIC_NAME, "topic name");
        TopicSettings resolved = MetadataValidation.resolve(settings, options);
        return locked(view -> {
            StreamNode node = view.requireStreamNode(stream);
            TopicInfo info = MetadataView.requireTopicNode(node, topic).info();
            Optional<TopicNode> sameName = MetadataView.topicNode(node, Identifier.of(settings.name()));
            if (sameName.isPresent() && sameName.get().info().id() != info.id()) {
                throw new WhippetException(
                        ErrorCode.TOPIC_NAME_ALREADY_EXISTS, "topic name: " + settings.name() + " (exists)");
            }
            commit(new UpdateTopic(
                    info.streamId(),
                    info.id(),
                    resolved.name(),
                    resolved.compression(),
                    resolved.messageExpiryMicros(),
                    resolved.maxTopicSizeBytes(),
                    resolved.replicationFactor()));
            return topicById(info.streamId(), info.id());
        });
    }

    /** Deletes a topic with its groups; answers the deleted topic. */
    public TopicInfo deleteTopic(Identifier stream, Identifier topic) {
        return locked(view -> {
            TopicInfo info = view.requireTopic(stream, topic);
            commit(new DeleteTopic(info.streamId(), info.id()));
            return info;
        });
    }

    /** Appends {@code count} partitions with the next ids; answers the updated topic. */
    public TopicInfo createPartitions(Identifier stream, Identifier topic, int count) {
        MetadataValidation.partitionsCount(count, false);
        return locked(view -> {
            TopicInfo info = view.requireTopic(stream, topic);
            commit(new CreatePartitions(info.streamId(), info.id(), count, nowMicros()));
            return topicById(info.streamId(), info.id());
        });
    }

    /** Removes the {@code count} highest partitions; answers the updated topic. */
    public TopicInfo deletePartitions(Identifier stream, Identifier topic, int count) {
        MetadataValidation.partitionsCount(count, false);
        return locked(view -> {
            TopicInfo info = view.requireTopic(stream, topic);
            if (count > info.partitionsCount()) {
                throw new WhippetException(
                        ErrorCode.INVALID_PARTITIONS_COUNT,
                        "partitions to delete: " + count + " (expected: <= " + info.partitionsCount() + ")");
            }
            commit(new DeletePartitions(info.streamId(), info.id(), count));
            return topicById(info.streamId(), info.id());
        });
    }

    private TopicInfo topicById(long streamId, long topicId) {
        return current.requireTopic(Identifier.of(streamId), Identifier.of(topicId));
    }

    // ---- consumer groups

    public ConsumerGroupInfo createConsumerGroup(Identifier stream, Identifier topic, String name) {
        MetadataValidation.name(name, ErrorCode.INVALID_CONSUMER_GROUP_NAME, "consumer group name");
        return locked(view -> {
            TopicNode node = view.requireTopicNode(stream, topic);
            if (MetadataView.groupOf(node, Identifier.of(name)).isPresent()) {
                throw new WhippetException(
                        ErrorCode.CONSUMER_GROUP_NAME_ALREADY_EXISTS, "consumer group name: " + name + " (exists)");
            }
            TopicInfo info = node.info();
            long groupId = node.groupIds().peek();
            commit(new CreateConsumerGroup(info.streamId(), info.id(), groupId, name));
            return new ConsumerGroupInfo(info.streamId(), info.id(), groupId, name);
        });
    }

    /** Deletes a group; answers the deleted group. */
    public ConsumerGroupInfo deleteConsumerGroup(Identifier stream, Identifier topic, Identifier group) {
        return locked(view -> {
            ConsumerGroupInfo info = view.requireConsumerGroup(stream, topic, group);
            commit(new DeleteConsumerGroup(info.streamId(), info.topicId(), info.id()));
            return info;
        });
    }

    // ---- users

    /**
     * Creates user 0 with every permission unless it exists: the first-boot bootstrap. The hash is
     * computed only when the user is really created (Argon2id is deliberately slow).
     *
     * @return whether the root user was created now
     */
    public boolean ensureRootUser(String username, Supplier<String> passwordHash) {
        MetadataValidation.username(username);
        return locked(view -> {
            if (view.userById(User.ROOT_ID).isPresent()) {
                return false;
            }
            if (view.userByName(username).isPresent()) {
                throw new WhippetException(ErrorCode.USER_ALREADY_EXISTS, "username: " + username + " (exists)");
            }
            commit(new CreateUser(
                    User.ROOT_ID, username, passwordHash.get(), UserStatus.ACTIVE, Permissions.all(), nowMicros()));
            return true;
        });
    }

    /** Creates a user; {@code permissions} null means no permissions block. */
    public User createUser(String username, String passwordHash, UserStatus status, @Nullable Permissions permissions) {
        MetadataValidation.username(username);
        return locked(view -> {
            if (view.userByName(username).isPresent()) {
                throw new WhippetException(ErrorCode.USER_ALREADY_EXISTS, "username: " + username + " (exists)");
            }
            long id = view.userIds().peek();
            commit(new CreateUser(id, username, passwordHash, status, permissions, nowMicros()));
            return userById(id);
        });
    }

    /** Changes the username and/or status; a null argument leaves that field as it is. */
    public User updateUser(Identifier user, @Nullable String username, @Nullable UserStatus status) {
        if (username != null) {
            MetadataValidation.username(username);
        }
        return locked(view -> {
            User existing = view.requireUser(user);
            if (username != null) {
                Optional<User> sameName = view.userByName(username);
                if (sameName.isPresent() && sameName.get().id() != existing.id()) {
                    throw new WhippetException(ErrorCode.USER_ALREADY_EXISTS, "username: " + username + " (exists)");
                }
            }
            commit(new UpdateUser(
                    existing.id(),
                    username == null ? existing.username() : username,
                    status == null ? existing.status() : status));
            return userById(existing.id());
        });
    }

    /** Replaces a user's permissions; null removes the block. The root user's are fixed (error 49). */
    public User updatePermissions(Identifier user, @Nullable Permissions permissions) {
        return locked(view -> {
            User existing = view.requireUser(user);
            if (existing.isRoot()) {
                throw new WhippetException(
                        ErrorCode.CANNOT_CHANGE_PERMISSIONS,
                        "user: " + existing.id() + " (root permissions are fixed)");
            }
            commit(new UpdatePermissions(existing.id(), permissions));
            return userById(existing.id());
        });
    }

    /** Stores a new password hash; checking the current password is the caller's job. */
    public User changePassword(Identifier user, String newPasswordHash) {
        return locked(view -> {
            long id = view.requireUser(user).id();
            commit(new ChangePassword(id, newPasswordHash));
            return userById(id);
        });
    }

    /** Deletes a user and its tokens; the root user cannot be deleted (error 48). */
    public User deleteUser(Identifier user) {
        return locked(view -> {
            User existing = view.requireUser(user);
            if (existing.isRoot()) {
                throw new WhippetException(ErrorCode.CANNOT_DELETE_USER, "user: " + existing.id() + " (root)");
            }
            commit(new DeleteUser(existing.id()));
            return existing;
        });
    }

    private User userById(long id) {
        return current.requireUser(Identifier.of(id));
    }

    // ---- personal access tokens

    /**
     * Records a token by the SHA-256 hex of its secret. {@code expiryAtMicros} is absolute, or
     * {@link PersonalAccessToken#NEVER}.
     */
    public PersonalAccessToken createPersonalAccessToken(
            long userId, String name, String tokenHashHex, long expiryAtMicros) {
        MetadataValidation.personalAccessTokenName(name);
        return locked(view -> {
            view.requireUser(Identifier.of(userId));
            List<PersonalAccessToken> tokens = view.personalAccessTokens(userId);
            if (tokens.stream().anyMatch(token -> token.name().equals(name))
                    || view.personalAccessTokenByHash(tokenHashHex).isPresent()) {
                throw new WhippetException(
                        ErrorCode.PERSONAL_ACCESS_TOKEN_ALREADY_EXISTS,
                        "personal access token name: " + name + " (exists)");
            }
            if (tokens.size() >= options.maxPersonalAccessTokensPerUser()) {
                throw new WhippetException(
                        ErrorCode.PERSONAL_ACCESS_TOKENS_LIMIT_REACHED,
                        "personal access tokens: " + tokens.size() + " (expected: < "
                                + options.maxPersonalAccessTokensPerUser() + ")");
            }
            commit(new CreatePersonalAccessToken(userId, name, tokenHashHex, expiryAtMicros));
            return new PersonalAccessToken(userId, name, tokenHashHex, expiryAtMicros);
        });
    }

    public PersonalAccessToken deletePersonalAccessToken(long userId, String name) {
        return locked(view -> {
            PersonalAccessToken token = view.personalAccessTokens(userId).stream()
                    .filter(candidate -> candidate.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new WhippetException(
                            ErrorCode.RESOURCE_NOT_FOUND, "personal access token: " + name + " (not found)"));
            commit(new DeletePersonalAccessToken(userId, name));
            return token;
        });
    }

    /** Deletes every token expired at {@code nowMicros}; answers the deleted ones. */
    public List<PersonalAccessToken> deleteExpiredPersonalAccessTokens(long nowMicros) {
        return locked(view -> {
            List<PersonalAccessToken> deleted = new ArrayList<>();
            for (PersonalAccessToken token : view.allPersonalAccessTokens()) {
                if (token.isExpiredAt(nowMicros)) {
                    commit(new DeletePersonalAccessToken(token.userId(), token.name()));
                    deleted.add(token);
                }
            }
            return deleted;
        });
    }

    // ---- reads on the current view

    public Optional<StreamInfo> stream(Identifier stream) {
        return current.stream(stream);
    }

    public List<StreamInfo> streams() {
        return current.streams();
    }

    public Optional<TopicInfo> topic(Identifier stream, Identifier topic) {
        return current.topic(stream, topic);
    }

    public List<TopicInfo> topics(Identifier stream) {
        return current.topics(stream);
    }

    public Optional<ConsumerGroupInfo> consumerGroup(Identifier stream, Identifier topic, Identifier group) {
        return current.consumerGroup(stream, topic, group);
    }

    public List<ConsumerGroupInfo> consumerGroups(Identifier stream, Identifier topic) {
        return current.consumerGroups(stream, topic);
    }

    public Optional<User> user(Identifier user) {
        return current.user(user);
    }

    public Optional<User> userByName(String username) {
        return current.userByName(username);
    }

    public List<User> users() {
        return current.users();
    }

    public List<PersonalAccessToken> personalAccessTokens(long userId) {
        return current.personalAccessTokens(userId);
    }

    public Optional<PersonalAccessToken> personalAccessTokenByHash(String tokenHashHex) {
        return current.personalAccessTokenByHash(tokenHashHex);
    }

    /** Writes a snapshot now and empties the log. */
    public void compact() {
        writeLock.lock();
        try {
            MetadataSnapshot.write(directory, current);
            log.reset();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            log.close();
        } finally {
            writeLock.unlock();
        }
    }

    // ---- the write path

    /** Runs {@code action} under the writer lock, handing it the view it must validate against. */
    private <R> R locked(Function<MetadataView, R> action) {
        writeLock.lock();
        try {
            return action.apply(current);
        } finally {
            writeLock.unlock();
        }
    }

    /** Logs, fsyncs and applies one command. Caller holds the write lock. */
    private void commit(MetadataCommand command) {
        MetadataView view = current;
        long sequence = view.sequence() + 1;
        log.append(sequence, command);
        current = MetadataApplier.apply(view, sequence, command);
        maybeSnapshot();
    }

    private void maybeSnapshot() {
        if (log.sizeBytes() <= options.snapshotThresholdBytes()) {
            return;
        }
        try {
            MetadataSnapshot.write(directory, current);
            log.reset();
        } catch (WhippetException e) {
            // The change is durable in the log already; a failed snapshot only delays compaction.
            LOGGER.log(System.Logger.Level.WARNING, "metadata snapshot failed, keeping the log: " + e.getMessage(), e);
        }
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
    }
}
