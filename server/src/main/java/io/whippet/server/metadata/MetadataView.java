package io.whippet.server.metadata;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.WhippetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One immutable version of the whole metadata model, and every read on it. A new view is built for
 * each applied command (copy-on-write of the maps on the changed path), so a reader holding a view
 * sees one consistent state however long it keeps it, and never waits for a writer or an fsync.
 *
 * <p>Lookups by {@link Identifier}: a numeric identifier finds by id, a named one by exact
 * (case-sensitive) name. {@code require*} methods throw the not-found code Iggy 0.8.0 sends.
 */
public final class MetadataView {
    static final MetadataView EMPTY =
            new MetadataView(0, emptyMap(), IdSlab.EMPTY, emptyMap(), IdSlab.EMPTY, emptyMap());

    /** A stream with its topics and the id slab of its topic scope. */
    record StreamNode(StreamInfo info, SortedMap<Long, TopicNode> topics, IdSlab topicIds) {}

    /** A topic with its consumer groups and the id slab of its group scope. */
    record TopicNode(TopicInfo info, SortedMap<Long, ConsumerGroupInfo> groups, IdSlab groupIds) {}

    private final long sequence;
    private final SortedMap<Long, StreamNode> streams;
    private final IdSlab streamIds;
    private final SortedMap<Long, User> users;
    private final IdSlab userIds;
    private final SortedMap<String, PersonalAccessToken> tokensByHash;

    MetadataView(
            long sequence,
            SortedMap<Long, StreamNode> streams,
            IdSlab streamIds,
            SortedMap<Long, User> users,
            IdSlab userIds,
            SortedMap<String, PersonalAccessToken> tokensByHash) {
        this.sequence = sequence;
        this.streams = streams;
        this.streamIds = streamIds;
        this.users = users;
        this.userIds = userIds;
        this.tokensByHash = tokensByHash;
    }

    static <K, V> SortedMap<K, V> emptyMap() {
        return Collections.unmodifiableSortedMap(new TreeMap<>());
    }

    /** Copy-on-write put: the source map is left untouched. */
    static <K, V> SortedMap<K, V> with(SortedMap<K, V> map, K key, V value) {
        TreeMap<K, V> copy = new TreeMap<>(map);
        copy.put(key, value);
        return Collections.unmodifiableSortedMap(copy);
    }

    /** Copy-on-write remove: the source map is left untouched. */
    static <K, V> SortedMap<K, V> without(SortedMap<K, V> map, K key) {
        TreeMap<K, V> copy = new TreeMap<>(map);
        copy.remove(key);
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The sequence number of the last command applied to reach this view (0 for none). */
    public long sequence() {
        return sequence;
    }

    SortedMap<Long, StreamNode> streamNodes() {
        return streams;
    }

    IdSlab streamIds() {
        return streamIds;
    }

    SortedMap<Long, User> userMap() {
        return users;
    }

    IdSlab userIds() {
        return userIds;
    }

    SortedMap<String, PersonalAccessToken> tokensByHash() {
        return tokensByHash;
    }

    // ---- streams

    public Optional<StreamInfo> stream(Identifier stream) {
        return streamNode(stream).map(StreamNode::info);
    }

    public StreamInfo requireStream(Identifier stream) {
        return requireStreamNode(stream).info();
    }

    public Optional<StreamInfo> streamByName(String name) {
        return streamNode(Identifier.of(name)).map(StreamNode::info);
    }

    /** All streams, ascending by id. */
    public List<StreamInfo> streams() {
        return streams.values().stream().map(StreamNode::info).toList();
    }

    Optional<StreamNode> streamNode(Identifier stream) {
        return switch (stream) {
            case Identifier.Numeric numeric -> Optional.ofNullable(streams.get(numeric.id()));
            case Identifier.Named named ->
                streams.values().stream()
                        .filter(node -> node.info().name().equals(named.name()))
                        .findFirst();
        };
    }

    StreamNode requireStreamNode(Identifier stream) {
        return streamNode(stream)
                .orElseThrow(() ->
                        notFound(stream, ErrorCode.STREAM_ID_NOT_FOUND, ErrorCode.STREAM_NAME_NOT_FOUND, "stream"));
    }

    // ---- topics

    public Optional<TopicInfo> topic(Identifier stream, Identifier topic) {
        return streamNode(stream).flatMap(node -> topicNode(node, topic)).map(TopicNode::info);
    }

    /** The topic, or the stream's or the topic's not-found error. */
    public TopicInfo requireTopic(Identifier stream, Identifier topic) {
        return requireTopicNode(requireStreamNode(stream), topic).info();
    }

    /** The topics of a stream ascending by id; empty when the stream does not exist. */
    public List<TopicInfo> topics(Identifier stream) {
        return streamNode(stream)
                .map(node ->
                        node.topics().values().stream().map(TopicNode::info).toList())
                .orElse(List.of());
    }

    static Optional<TopicNode> topicNode(StreamNode stream, Identifier topic) {
        return switch (topic) {
            case Identifier.Numeric numeric ->
                Optional.ofNullable(stream.topics().get(numeric.id()));
            case Identifier.Named named ->
                stream.topics().values().stream()
                        .filter(node -> node.info().name().equals(named.name()))
                        .findFirst();
        };
    }

    static TopicNode requireTopicNode(StreamNode stream, Identifier topic) {
        return topicNode(stream, topic)
                .orElseThrow(
                        () -> notFound(topic, ErrorCode.TOPIC_ID_NOT_FOUND, ErrorCode.TOPIC_NAME_NOT_FOUND, "topic"));
    }

    TopicNode requireTopicNode(Identifier stream, Identifier topic) {
        return requireTopicNode(requireStreamNode(stream), topic);
    }

    // ---- consumer groups

    public Optional<ConsumerGroupInfo> consumerGroup(Identifier stream, Identifier topic, Identifier group) {
        return streamNode(stream).flatMap(node -> topicNode(node, topic)).flatMap(node -> groupOf(node, group));
    }

    /** The group, or the stream's, topic's or group's not-found error. */
    public ConsumerGroupInfo requireConsumerGroup(Identifier stream, Identifier topic, Identifier group) {
        TopicNode node = requireTopicNode(stream, topic);
        return groupOf(node, group)
                .orElseThrow(() -> notFound(
                        group,
                        ErrorCode.CONSUMER_GROUP_ID_NOT_FOUND,
                        ErrorCode.CONSUMER_GROUP_NAME_NOT_FOUND,
                        "consumer group"));
    }

    /** The groups of a topic ascending by id; empty when the stream or topic does not exist. */
    public List<ConsumerGroupInfo> consumerGroups(Identifier stream, Identifier topic) {
        return streamNode(stream)
                .flatMap(node -> topicNode(node, topic))
                .map(node -> List.copyOf(node.groups().values()))
                .orElse(List.of());
    }

    static Optional<ConsumerGroupInfo> groupOf(TopicNode topic, Identifier group) {
        return switch (group) {
            case Identifier.Numeric numeric ->
                Optional.ofNullable(topic.groups().get(numeric.id()));
            case Identifier.Named named ->
                topic.groups().values().stream()
                        .filter(info -> info.name().equals(named.name()))
                        .findFirst();
        };
    }

    // ---- users and tokens

    public Optional<User> user(Identifier user) {
        return switch (user) {
            case Identifier.Numeric numeric -> Optional.ofNullable(users.get(numeric.id()));
            case Identifier.Named named -> userByName(named.name());
        };
    }

    /** The user, or error 20 (ResourceNotFound) as Iggy 0.8.0 answers for a missing user. */
    public User requireUser(Identifier user) {
        return user(user)
                .orElseThrow(
                        () -> new WhippetException(ErrorCode.RESOURCE_NOT_FOUND, "user: " + user + " (not found)"));
    }

    public Optional<User> userById(long id) {
        return Optional.ofNullable(users.get(id));
    }

    public Optional<User> userByName(String username) {
        return users.values().stream()
                .filter(user -> user.username().equals(username))
                .findFirst();
    }

    /** All users, ascending by id. */
    public List<User> users() {
        return List.copyOf(users.values());
    }

    /** The tokens of one user, ascending by name. */
    public List<PersonalAccessToken> personalAccessTokens(long userId) {
        List<PersonalAccessToken> tokens = new ArrayList<>();
        for (PersonalAccessToken token : tokensByHash.values()) {
            if (token.userId() == userId) {
                tokens.add(token);
            }
        }
        tokens.sort((a, b) -> a.name().compareTo(b.name()));
        return tokens;
    }

    /** The token whose secret hashes to {@code tokenHashHex}, if any. */
    public Optional<PersonalAccessToken> personalAccessTokenByHash(String tokenHashHex) {
        return Optional.ofNullable(tokensByHash.get(tokenHashHex));
    }

    /** Every token, in no particular order (for the expiry cleaner). */
    public List<PersonalAccessToken> allPersonalAccessTokens() {
        return List.copyOf(tokensByHash.values());
    }

    // ---- counts (GetStats)

    public int topicsCount() {
        return streams.values().stream().mapToInt(node -> node.topics().size()).sum();
    }

    public int partitionsCount() {
        return streams.values().stream()
                .flatMap(node -> node.topics().values().stream())
                .mapToInt(node -> node.info().partitionsCount())
                .sum();
    }

    public int consumerGroupsCount() {
        return streams.values().stream()
                .flatMap(node -> node.topics().values().stream())
                .mapToInt(node -> node.groups().size())
                .sum();
    }

    private static WhippetException notFound(Identifier id, ErrorCode byId, ErrorCode byName, String what) {
        ErrorCode code = id instanceof Identifier.Numeric ? byId : byName;
        return new WhippetException(code, what + ": " + id + " (not found)");
    }

    /** Model equality, ignoring the sequence: two views are equal when they hold the same state. */
    boolean sameStateAs(MetadataView other) {
        return streams.equals(other.streams)
                && streamIds.equals(other.streamIds)
                && users.equals(other.users)
                && userIds.equals(other.userIds)
                && tokensByHash.equals(other.tokensByHash);
    }

    @Override
    public String toString() {
        return "MetadataView[sequence=" + sequence + ", streams=" + streams.size() + ", users=" + users.size()
                + ", tokens=" + tokensByHash.size() + "]";
    }
}
