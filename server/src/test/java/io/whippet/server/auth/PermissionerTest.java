package io.whippet.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.Permissions.GlobalPermissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.User;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PermissionerTest {
    private static final long STREAM = 1;
    private static final long TOPIC = 2;
    private static final long OTHER_STREAM = 7;
    private static final long OTHER_TOPIC = 3;
    private static final long TARGET_USER = 99;

    private final Permissioner permissioner = new Permissioner();

    enum G {
        MANAGE_SERVERS,
        READ_SERVERS,
        MANAGE_USERS,
        READ_USERS,
        MANAGE_STREAMS,
        READ_STREAMS,
        MANAGE_TOPICS,
        READ_TOPICS,
        POLL,
        SEND
    }

    enum S {
        MANAGE_STREAM,
        READ_STREAM,
        MANAGE_TOPICS,
        READ_TOPICS,
        POLL,
        SEND
    }

    enum T {
        MANAGE_TOPIC,
        READ_TOPIC,
        POLL,
        SEND
    }

    @FunctionalInterface
    interface Check {
        void run(Permissioner permissioner, User user, long streamId, long topicId);
    }

    /** One permission-checked command: the flag that grants it at each scope, null where none does. */
    record Rule(
            String command,
            Check check,
            G global,
            @Nullable S stream,
            @Nullable T topic) {
        @Override
        public String toString() {
            return command;
        }
    }

    enum Scope {
        NO_PERMISSIONS_BLOCK,
        EVERY_FLAG_OFF,
        GLOBAL,
        STREAM,
        TOPIC,
        OTHER_STREAM,
        OTHER_TOPIC,
        ROOT
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("getStats", (p, u, s, t) -> p.getStats(u), G.READ_SERVERS, null, null),
                new Rule("getClients", (p, u, s, t) -> p.getClients(u), G.READ_SERVERS, null, null),
                new Rule("getClient", (p, u, s, t) -> p.getClient(u), G.READ_SERVERS, null, null),
                new Rule("getSnapshot", (p, u, s, t) -> p.getSnapshot(u), G.READ_SERVERS, null, null),
                new Rule("getClusterMetadata", (p, u, s, t) -> p.getClusterMetadata(u), G.READ_SERVERS, null, null),
                new Rule("getUser", (p, u, s, t) -> p.getUser(u), G.READ_USERS, null, null),
                new Rule("getUsers", (p, u, s, t) -> p.getUsers(u), G.READ_USERS, null, null),
                new Rule("createUser", (p, u, s, t) -> p.createUser(u), G.MANAGE_USERS, null, null),
                new Rule("deleteUser", (p, u, s, t) -> p.deleteUser(u), G.MANAGE_USERS, null, null),
                new Rule("updateUser", (p, u, s, t) -> p.updateUser(u), G.MANAGE_USERS, null, null),
                new Rule("updatePermissions", (p, u, s, t) -> p.updatePermissions(u), G.MANAGE_USERS, null, null),
                new Rule(
                        "changePassword of another user",
                        (p, u, s, t) -> p.changePassword(u, TARGET_USER),
                        G.MANAGE_USERS,
                        null,
                        null),
                new Rule("getStream", (p, u, s, t) -> p.getStream(u, s), G.READ_STREAMS, S.READ_STREAM, null),
                new Rule("getStreams", (p, u, s, t) -> p.getStreams(u), G.READ_STREAMS, null, null),
                new Rule("createStream", (p, u, s, t) -> p.createStream(u), G.MANAGE_STREAMS, null, null),
                new Rule("updateStream", (p, u, s, t) -> p.updateStream(u, s), G.MANAGE_STREAMS, S.MANAGE_STREAM, null),
                new Rule("deleteStream", (p, u, s, t) -> p.deleteStream(u, s), G.MANAGE_STREAMS, S.MANAGE_STREAM, null),
                new Rule("purgeStream", (p, u, s, t) -> p.purgeStream(u, s), G.MANAGE_STREAMS, S.MANAGE_STREAM, null),
                new Rule("getTopic", (p, u, s, t) -> p.getTopic(u, s, t), G.READ_TOPICS, S.READ_TOPICS, T.READ_TOPIC),
                new Rule("getTopics", (p, u, s, t) -> p.getTopics(u, s), G.READ_TOPICS, S.READ_TOPICS, null),
                new Rule("createTopic", (p, u, s, t) -> p.createTopic(u, s), G.MANAGE_TOPICS, S.MANAGE_TOPICS, null),
                new Rule(
                        "updateTopic",
                        (p, u, s, t) -> p.updateTopic(u, s, t),
                        G.MANAGE_TOPICS,
                        S.MANAGE_TOPICS,
                        T.MANAGE_TOPIC),
                new Rule(
                        "deleteTopic",
                        (p, u, s, t) -> p.deleteTopic(u, s, t),
                        G.MANAGE_TOPICS,
                        S.MANAGE_TOPICS,
                        T.MANAGE_TOPIC),
                new Rule(
                        "purgeTopic",
                        (p, u, s, t) -> p.purgeTopic(u, s, t),
                        G.MANAGE_TOPICS,
                        S.MANAGE_TOPICS,
                        T.MANAGE_TOPIC),
                new Rule(
                        "createPartitions",
                        (p, u, s, t) -> p.createPartitions(u, s, t),
                        G.MANAGE_TOPICS,
                        S.MANAGE_TOPICS,
                        T.MANAGE_TOPIC),
                new Rule(
                        "deletePartitions",
                        (p, u, s, t) -> p.deletePartitions(u, s, t),
                        G.MANAGE_TOPICS,
                        S.MANAGE_TOPICS,
                        T.MANAGE_TOPIC),
                new Rule(
                        "deleteSegments",
                        (p, u, s, t) -> p.deleteSegments(u, s, t),
                        G.MANAGE_TOPICS,
                        S.MANAGE_TOPICS,
                        T.MANAGE_TOPIC),
                new Rule(
                        "getConsumerGroup",
                        (p, u, s, t) -> p.getConsumerGroup(u, s, t),
                        G.READ_TOPICS,
                        S.READ_TOPICS,
                        T.READ_TOPIC),
                new Rule(
                        "getConsumerGroups",
                        (p, u, s, t) -> p.getConsumerGroups(u, s, t),
                        G.READ_TOPICS,
                        S.READ_TOPICS,
                        T.READ_TOPIC),
                new Rule(
                        "createConsumerGroup",
                        (p, u, s, t) -> p.createConsumerGroup(u, s, t),
                        G.READ_TOPICS,
                        S.READ_TOPICS,
                        T.READ_TOPIC),
                new Rule(
                        "deleteConsumerGroup",
                        (p, u, s, t) -> p.deleteConsumerGroup(u, s, t),
                        G.READ_TOPICS,
                        S.READ_TOPICS,
                        T.READ_TOPIC),
                new Rule(
                        "joinConsumerGroup",
                        (p, u, s, t) -> p.joinConsumerGroup(u, s, t),
                        G.READ_TOPICS,
                        S.READ_TOPICS,
                        T.READ_TOPIC),
                new Rule(
                        "leaveConsumerGroup",
                        (p, u, s, t) -> p.leaveConsumerGroup(u, s, t),
                        G.READ_TOPICS,
                        S.READ_TOPICS,
                        T.READ_TOPIC),
                new Rule("pollMessages", (p, u, s, t) -> p.pollMessages(u, s, t), G.POLL, S.POLL, T.POLL),
                new Rule("getConsumerOffset", (p, u, s, t) -> p.getConsumerOffset(u, s, t), G.POLL, S.POLL, T.POLL),
                new Rule("storeConsumerOffset", (p, u, s, t) -> p.storeConsumerOffset(u, s, t), G.POLL, S.POLL, T.POLL),
                new Rule(
                        "deleteConsumerOffset",
                        (p, u, s, t) -> p.deleteConsumerOffset(u, s, t),
                        G.POLL,
                        S.POLL,
                        T.POLL),
                new Rule("sendMessages", (p, u, s, t) -> p.sendMessages(u, s, t), G.SEND, S.SEND, T.SEND),
                new Rule("flushUnsavedBuffer", (p, u, s, t) -> p.flushUnsavedBuffer(u, s, t), G.SEND, S.SEND, T.SEND));
    }

    static List<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Rule rule : rules()) {
            for (Scope scope : Scope.values()) {
                if ((scope == Scope.STREAM && rule.stream() == null)
                        || ((scope == Scope.TOPIC || scope == Scope.OTHER_TOPIC) && rule.topic() == null)) {
                    continue; // no flag at that scope grants this command
                }
                boolean allowed =
                        scope == Scope.GLOBAL || scope == Scope.STREAM || scope == Scope.TOPIC || scope == Scope.ROOT;
                cases.add(Arguments.of(rule, scope, allowed));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} with {1} -> allowed: {2}")
    @MethodSource("matrix")
    void everyCommandIsAllowedExactlyWhereItsRightIsGranted(Rule rule, Scope scope, boolean allowed) {
        User user = userFor(rule, scope);
        if (allowed) {
            assertThatCode(() -> rule.check().run(permissioner, user, STREAM, TOPIC))
                    .doesNotThrowAnyException();
        } else {
            assertUnauthorized(() -> rule.check().run(permissioner, user, STREAM, TOPIC));
        }
    }

    private static User userFor(Rule rule, Scope scope) {
        return switch (scope) {
            case NO_PERMISSIONS_BLOCK -> user(1, null);
            case EVERY_FLAG_OFF -> user(1, Permissions.none());
            case GLOBAL -> user(1, new Permissions(global(EnumSet.of(rule.global())), Map.of()));
            case STREAM -> user(1, streamGrant(STREAM, EnumSet.of(requireNonNull(rule.stream())), Map.of()));
            case TOPIC -> user(1, topicGrant(STREAM, TOPIC, requireNonNull(rule.topic())));
            case OTHER_STREAM -> {
                if (rule.stream() == null && rule.topic() == null) {
                    // A command granted only globally: every stream and topic flag must not be enough.
                    yield user(
                            1,
                            streamGrant(STREAM, EnumSet.allOf(S.class), Map.of(TOPIC, topic(EnumSet.allOf(T.class)))));
                }
                yield rule.stream() != null
                        ? user(1, streamGrant(OTHER_STREAM, EnumSet.of(rule.stream()), Map.of()))
                        : user(1, topicGrant(OTHER_STREAM, TOPIC, requireNonNull(rule.topic())));
            }
            case OTHER_TOPIC -> user(1, topicGrant(STREAM, OTHER_TOPIC, requireNonNull(rule.topic())));
            case ROOT -> user(User.ROOT_ID, null);
        };
    }

    private static <V> V requireNonNull(@Nullable V value) {
        if (value == null) {
            throw new IllegalStateException("case filtered out above");
        }
        return value;
    }

    @Test
    void anyoneMayChangeTheirOwnPassword() {
        User noRights = user(5, null);
        assertThatCode(() -> permissioner.changePassword(noRights, 5)).doesNotThrowAnyException();
        assertUnauthorized(() -> permissioner.changePassword(noRights, 6));
    }

    @Test
    void manageFlagsImplyTheReadFlagsOfTheirScope() {
        User servers = user(1, new Permissions(global(EnumSet.of(G.MANAGE_SERVERS)), Map.of()));
        User users = user(1, new Permissions(global(EnumSet.of(G.MANAGE_USERS)), Map.of()));
        User streams = user(1, new Permissions(global(EnumSet.of(G.MANAGE_STREAMS)), Map.of()));
        User readStreams = user(1, new Permissions(global(EnumSet.of(G.READ_STREAMS)), Map.of()));
        User manageStream = user(1, streamGrant(STREAM, EnumSet.of(S.MANAGE_STREAM), Map.of()));
        User manageTopic = user(1, topicGrant(STREAM, TOPIC, T.MANAGE_TOPIC));

        assertThatCode(() -> {
                    permissioner.getStats(servers);
                    permissioner.getUsers(users);
                    permissioner.getStream(streams, STREAM);
                    permissioner.createTopic(streams, STREAM);
                    permissioner.deleteTopic(streams, STREAM, TOPIC);
                    permissioner.getTopic(readStreams, STREAM, TOPIC);
                    permissioner.getStream(manageStream, STREAM);
                    permissioner.deleteTopic(manageStream, STREAM, TOPIC);
                    permissioner.pollMessages(manageStream, STREAM, TOPIC);
                    permissioner.sendMessages(manageStream, STREAM, TOPIC);
                    permissioner.getTopic(manageTopic, STREAM, TOPIC);
                    permissioner.pollMessages(manageTopic, STREAM, TOPIC);
                    permissioner.sendMessages(manageTopic, STREAM, TOPIC);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void readAccessNeverGrantsWritesAndGlobalAdminFlagsGrantNoData() {
        User readTopic = user(1, topicGrant(STREAM, TOPIC, T.READ_TOPIC));
        User readStreams = user(1, new Permissions(global(EnumSet.of(G.READ_STREAMS)), Map.of()));
        User manageStreams = user(1, new Permissions(global(EnumSet.of(G.MANAGE_STREAMS)), Map.of()));

        assertUnauthorized(() -> permissioner.sendMessages(readTopic, STREAM, TOPIC));
        assertUnauthorized(() -> permissioner.updateTopic(readTopic, STREAM, TOPIC));
        assertUnauthorized(() -> permissioner.deleteStream(readStreams, STREAM));
        assertUnauthorized(() -> permissioner.pollMessages(readStreams, STREAM, TOPIC));
        assertUnauthorized(() -> permissioner.sendMessages(manageStreams, STREAM, TOPIC));
        assertUnauthorized(() -> permissioner.getStats(manageStreams));
    }

    private static void assertUnauthorized(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(WhippetException.class)
                .extracting(e -> ((WhippetException) e).errorCode())
                .isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    private static User user(long id, @Nullable Permissions permissions) {
        return new User(id, "user" + id, "hash", UserStatus.ACTIVE, permissions, 0);
    }

    private static Permissions streamGrant(long streamId, Set<S> flags, Map<Long, TopicPermissions> topics) {
        return new Permissions(
                global(EnumSet.noneOf(G.class)),
                Map.of(
                        streamId,
                        new StreamPermissions(
                                flags.contains(S.MANAGE_STREAM),
                                flags.contains(S.READ_STREAM),
                                flags.contains(S.MANAGE_TOPICS),
                                flags.contains(S.READ_TOPICS),
                                flags.contains(S.POLL),
                                flags.contains(S.SEND),
                                topics)));
    }

    private static Permissions topicGrant(long streamId, long topicId, T flag) {
        return streamGrant(streamId, EnumSet.noneOf(S.class), Map.of(topicId, topic(EnumSet.of(flag))));
    }

    private static TopicPermissions topic(Set<T> flags) {
        return new TopicPermissions(
                flags.contains(T.MANAGE_TOPIC),
                flags.contains(T.READ_TOPIC),
                flags.contains(T.POLL),
                flags.contains(T.SEND));
    }

    private static GlobalPermissions global(Set<G> flags) {
        return new GlobalPermissions(
                flags.contains(G.MANAGE_SERVERS),
                flags.contains(G.READ_SERVERS),
                flags.contains(G.MANAGE_USERS),
                flags.contains(G.READ_USERS),
                flags.contains(G.MANAGE_STREAMS),
                flags.contains(G.READ_STREAMS),
                flags.contains(G.MANAGE_TOPICS),
                flags.contains(G.READ_TOPICS),
                flags.contains(G.POLL),
                flags.contains(G.SEND));
    }
}
