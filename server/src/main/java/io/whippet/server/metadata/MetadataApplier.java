package io.whippet.server.metadata;

import static io.whippet.server.metadata.MetadataView.with;
import static io.whippet.server.metadata.MetadataView.without;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state machine's transition function: a view plus a command gives the next view. Pure and
 * deterministic (no clock, no randomness), so the live path and replay share it.
 *
 * <p>Commands reaching here were validated against the view they were built from. A command that
 * still does not fit (a missing stream, say) means the log and the model disagree, which is a bug
 * or a damaged file: it throws {@link IllegalStateException} rather than guess.
 */
final class MetadataApplier {
    private MetadataApplier() {}

    static MetadataView apply(MetadataView view, long sequence, MetadataCommand command) {
        State state = new State(view);
        switch (command) {
            case CreateStream c -> {
                StreamInfo info = new StreamInfo(c.streamId(), c.name(), c.createdAtMicros());
                state.streams =
                        with(state.streams, c.streamId(), new StreamNode(info, MetadataView.emptyMap(), IdSlab.EMPTY));
                state.streamIds = state.streamIds.claim(c.streamId());
            }
            case UpdateStream c -> {
                StreamNode node = stream(state, c.streamId());
                StreamInfo info =
                        new StreamInfo(c.streamId(), c.name(), node.info().createdAtMicros());
                state.streams = with(state.streams, c.streamId(), new StreamNode(info, node.topics(), node.topicIds()));
            }
            case DeleteStream c -> {
                stream(state, c.streamId());
                state.streams = without(state.streams, c.streamId());
                state.streamIds = state.streamIds.release(c.streamId());
            }
            case CreateTopic c -> {
                StreamNode node = stream(state, c.streamId());
                List<PartitionInfo> partitions = new ArrayList<>(c.partitionsCount());
                for (int id = 0; id < c.partitionsCount(); id++) {
                    partitions.add(new PartitionInfo(id, c.createdAtMicros()));
                }
                TopicInfo info = new TopicInfo(
                        c.streamId(),
                        c.topicId(),
                        c.name(),
                        c.createdAtMicros(),
                        partitions,
                        c.compression(),
                        c.messageExpiryMicros(),
                        c.maxTopicSizeBytes(),
                        c.replicationFactor());
                TopicNode topic = new TopicNode(info, MetadataView.emptyMap(), IdSlab.EMPTY);
                putStream(
                        state,
                        new StreamNode(
                                node.info(),
                                with(node.topics(), c.topicId(), topic),
                                node.topicIds().claim(c.topicId())));
            }
            case UpdateTopic c -> {
                TopicNode node = topic(state, c.streamId(), c.topicId());
                TopicInfo old = node.info();
                TopicInfo info = new TopicInfo(
                        old.streamId(),
                        old.id(),
                        c.name(),
                        old.createdAtMicros(),
                        old.partitions(),
                        c.compression(),
                        c.messageExpiryMicros(),
                        c.maxTopicSizeBytes(),
                        c.replicationFactor());
                putTopic(state, c.streamId(), new TopicNode(info, node.groups(), node.groupIds()));
            }
            case DeleteTopic c -> {
                StreamNode node = stream(state, c.streamId());
                topic(state, c.streamId(), c.topicId());
                putStream(
                        state,
                        new StreamNode(
                                node.info(),
                                without(node.topics(), c.topicId()),
                                node.topicIds().release(c.topicId())));
            }
            case CreatePartitions c -> {
                TopicNode node = topic(state, c.streamId(), c.topicId());
                List<PartitionInfo> partitions = new ArrayList<>(node.info().partitions());
                long nextId = partitions.size();
                for (int i = 0; i < c.count(); i++) {
                    partitions.add(new PartitionInfo(nextId + i, c.createdAtMicros()));
                }
                putTopic(
                        state,
                        c.streamId(),
                        new TopicNode(node.info().withPartitions(partitions), node.groups(), node.groupIds()));
            }
            case DeletePartitions c -> {
                TopicNode node = topic(state, c.streamId(), c.topicId());
                List<PartitionInfo> partitions = node.info().partitions();
                if (c.count() > partitions.size()) {
                    throw new IllegalStateException(
                            "cannot delete " + c.count() + " of " + partitions.size() + " partitions");
                }
                List<PartitionInfo> kept = partitions.subList(0, partitions.size() - c.count());
                putTopic(
                        state,
                        c.streamId(),
                        new TopicNode(node.info().withPartitions(kept), node.groups(), node.groupIds()));
            }
            case CreateConsumerGroup c -> {
                TopicNode node = topic(state, c.streamId(), c.topicId());
                ConsumerGroupInfo group = new ConsumerGroupInfo(c.streamId(), c.topicId(), c.groupId(), c.name());
                putTopic(
                        state,
                        c.streamId(),
                        new TopicNode(
                                node.info(),
                                with(node.groups(), c.groupId(), group),
                                node.groupIds().claim(c.groupId())));
            }
            case DeleteConsumerGroup c -> {
                TopicNode node = topic(state, c.streamId(), c.topicId());
                if (!node.groups().containsKey(c.groupId())) {
                    throw missing("consumer group", c.groupId());
                }
                putTopic(
                        state,
                        c.streamId(),
                        new TopicNode(
                                node.info(),
                                without(node.groups(), c.groupId()),
                                node.groupIds().release(c.groupId())));
            }
            case CreateUser c -> {
                User user = new User(
                        c.userId(), c.username(), c.passwordHash(), c.status(), c.permissions(), c.createdAtMicros());
                state.users = with(state.users, c.userId(), user);
                state.userIds = state.userIds.claim(c.userId());
            }
            case UpdateUser c -> {
                User user = user(state, c.userId());
                state.users = with(
                        state.users, c.userId(), user.withUsername(c.username()).withStatus(c.status()));
            }
            case UpdatePermissions c -> {
                User user = user(state, c.userId());
                state.users = with(state.users, c.userId(), user.withPermissions(c.permissions()));
            }
            case ChangePassword c -> {
                User user = user(state, c.userId());
                state.users = with(state.users, c.userId(), user.withPasswordHash(c.passwordHash()));
            }
            case DeleteUser c -> {
                user(state, c.userId());
                state.users = without(state.users, c.userId());
                state.userIds = state.userIds.release(c.userId());
                TreeMap<String, PersonalAccessToken> tokens = new TreeMap<>(state.tokens);
                tokens.values().removeIf(token -> token.userId() == c.userId());
                state.tokens = Collections.unmodifiableSortedMap(tokens);
            }
            case CreatePersonalAccessToken c -> {
                user(state, c.userId());
                state.tokens = with(
                        state.tokens,
                        c.tokenHashHex(),
                        new PersonalAccessToken(c.userId(), c.name(), c.tokenHashHex(), c.expiryAtMicros()));
            }
            case DeletePersonalAccessToken c -> {
                String hash = null;
                for (Map.Entry<String, PersonalAccessToken> entry : state.tokens.entrySet()) {
                    if (entry.getValue().userId() == c.userId()
                            && entry.getValue().name().equals(c.name())) {
                        hash = entry.getKey();
                    }
                }
                if (hash == null) {
                    throw new IllegalStateException(
                            "personal access token " + c.name() + " of user " + c.userId() + " missing");
                }
                state.tokens = without(state.tokens, hash);
            }
        }
        return new MetadataView(sequence, state.streams, state.streamIds, state.users, state.userIds, state.tokens);
    }

    /** The parts of a view being rebuilt; only the changed ones are replaced. */
    private static final class State {
        SortedMap<Long, StreamNode> streams;
        IdSlab streamIds;
        SortedMap<Long, User> users;
        IdSlab userIds;
        SortedMap<String, PersonalAccessToken> tokens;

        State(MetadataView view) {
            streams = view.streamNodes();
            streamIds = view.streamIds();
            users = view.userMap();
            userIds = view.userIds();
            tokens = view.tokensByHash();
        }
    }

    private static StreamNode stream(State state, long streamId) {
        StreamNode node = state.streams.get(streamId);
        if (node == null) {
            throw missing("stream", streamId);
        }
        return node;
    }

    private static TopicNode topic(State state, long streamId, long topicId) {
        TopicNode node = stream(state, streamId).topics().get(topicId);
        if (node == null) {
            throw missing("topic", topicId);
        }
        return node;
    }

    private static User user(State state, long userId) {
        User user = state.users.get(userId);
        if (user == null) {
            throw missing("user", userId);
        }
        return user;
    }

    private static void putStream(State state, StreamNode node) {
        state.streams = with(state.streams, node.info().id(), node);
    }

    private static void putTopic(State state, long streamId, TopicNode topic) {
        StreamNode node = stream(state, streamId);
        putStream(
                state,
                new StreamNode(node.info(), with(node.topics(), topic.info().id(), topic), node.topicIds()));
    }

    private static IllegalStateException missing(String what, long id) {
        return new IllegalStateException("metadata command refers to missing " + what + " " + id);
    }
}
