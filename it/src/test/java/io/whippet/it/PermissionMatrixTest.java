package io.whippet.it;

import static io.whippet.it.Sdk.group;
import static io.whippet.it.Sdk.stream;
import static io.whippet.it.Sdk.topic;
import static io.whippet.it.ServerErrors.assertUnauthenticated;
import static io.whippet.it.ServerErrors.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.it.Sdk.GlobalFlag;
import io.whippet.it.Sdk.StreamFlag;
import io.whippet.it.Sdk.TopicFlag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.UserId;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.user.Permissions;
import org.apache.iggy.user.StreamPermissions;
import org.apache.iggy.user.UserInfo;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command the SDK can send, run by every kind of principal, against the rules of the 0.8.0
 * permissioner (wire-protocol.md section 8). The table below is the specification: for each command
 * the one global, stream-level and topic-level flag that grants it (null where that scope cannot).
 * From it each principal's outcome follows:
 *
 * <pre>
 * principal            | PUBLIC | SESSION | PERMISSION
 * not logged in        | allow  | 40      | 40          (the SDK refuses most of these itself)
 * user, no permissions | allow  | allow   | 41
 * exactly the global   |   -    |    -    | allow
 * exactly the stream   |   -    |    -    | allow       (flag on stream 0, the one acted on)
 * exactly the topic    |   -    |    -    | allow       (flag on stream 0 / topic 0)
 * stream flag, other   |   -    |    -    | 41          (same flag, but on stream 1)
 * root                 | allow  | allow   | allow
 * </pre>
 *
 * <p>Each case builds the same world through root: stream 0 "perm-s" with topic 0 (two partitions,
 * three messages in partition 0) and consumer group 0; stream 1 "perm-other" with one topic; user
 * "target" (no permissions) for the commands that act on a user. User "actor" lives for the whole
 * class; each case gives it the principal's permissions. The base class empties the server after
 * each case, except for the actor.
 */
class PermissionMatrixTest extends ContractTestBase {
    private static final UserId TARGET = UserId.of("target");
    private static final String TARGET_PASSWORD = "target-pass";
    private static final String ACTOR = "actor";
    private static final String ACTOR_PASSWORD = "actor-pass";

    private @Nullable IggyBaseClient actor;
    private long actorId;

    /** Who needs what: public commands need nothing, session ones a login, the rest a permission. */
    enum Access {
        PUBLIC,
        SESSION,
        PERMISSION
    }

    enum Principal {
        NOT_LOGGED_IN,
        NO_PERMISSIONS,
        GLOBAL_FLAG,
        STREAM_FLAG,
        TOPIC_FLAG,
        STREAM_FLAG_ON_OTHER_STREAM,
        ROOT
    }

    @FunctionalInterface
    interface Command {
        void run(IggyBaseClient client);
    }

    record Row(
            String name,
            Access access,
            @Nullable GlobalFlag global,
            @Nullable StreamFlag stream,
            @Nullable TopicFlag topic,
            Command command,
            boolean usesTarget) {
        /** The same row, acting on user "target" (created for the case; some rows change or delete it). */
        Row onTarget() {
            return new Row(name, access, global, stream, topic, command, true);
        }

        /**
         * Commands the HTTP SDK refuses itself, since they need a connection the server keeps state
         * on: get me (and get client, which asks get me for its id), join and leave (http-api.md 6).
         */
        boolean needsConnection() {
            return name.equals("get me") || name.equals("get client") || name.startsWith("join");
        }

        /** Login and logout change the session of the client that runs them. */
        boolean changesSession() {
            return name.equals("login") || name.equals("logout");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Row> TABLE = List.of(
            // system
            open("ping", c -> c.system().ping()),
            session("get me", c -> c.system().getMe()),
            permitted(
                    "get stats",
                    GlobalFlag.READ_SERVERS,
                    null,
                    null,
                    c -> c.system().getStats()),
            permitted(
                    "get clients",
                    GlobalFlag.READ_SERVERS,
                    null,
                    null,
                    c -> c.system().getClients()),
            permitted(
                    "get client",
                    GlobalFlag.READ_SERVERS,
                    null,
                    null,
                    c -> c.system().getClient(c.system().getMe().clientId())),
            // users
            open("login", c -> c.users().login("target", TARGET_PASSWORD)).onTarget(),
            session("logout", c -> c.users().logout()),
            permitted(
                    "get users",
                    GlobalFlag.READ_USERS,
                    null,
                    null,
                    c -> c.users().getUsers()),
            permitted(
                            "get user",
                            GlobalFlag.READ_USERS,
                            null,
                            null,
                            c -> c.users().getUser(TARGET))
                    .onTarget(),
            permitted(
                    "create user",
                    GlobalFlag.MANAGE_USERS,
                    null,
                    null,
                    c -> c.users().createUser("newcomer", "newcomer-pass", UserStatus.Active, Optional.empty())),
            permitted(
                            "update user",
                            GlobalFlag.MANAGE_USERS,
                            null,
                            null,
                            c -> c.users().updateUser(TARGET, Optional.of("renamed"), Optional.of(UserStatus.Inactive)))
                    .onTarget(),
            permitted(
                            "update permissions",
                            GlobalFlag.MANAGE_USERS,
                            null,
                            null,
                            c -> c.users()
                                    .updatePermissions(
                                            TARGET,
                                            Optional.of(
                                                    new Permissions(Sdk.global(GlobalFlag.READ_STREAMS), Map.of()))))
                    .onTarget(),
            permitted(
                            "change password",
                            GlobalFlag.MANAGE_USERS,
                            null,
                            null,
                            c -> c.users().changePassword(TARGET, TARGET_PASSWORD, "changed-pass"))
                    .onTarget(),
            permitted(
                            "delete user",
                            GlobalFlag.MANAGE_USERS,
                            null,
                            null,
                            c -> c.users().deleteUser(TARGET))
                    .onTarget(),
            // personal access tokens: a user's own, never permission-checked
            session(
                    "create token",
                    c -> c.personalAccessTokens().createPersonalAccessToken("own-token", BigInteger.ZERO)),
            session("get tokens", c -> c.personalAccessTokens().getPersonalAccessTokens()),
            session("delete token", c -> {
                c.personalAccessTokens().createPersonalAccessToken("short-lived", BigInteger.ZERO);
                c.personalAccessTokens().deletePersonalAccessToken("short-lived");
            }),
            // streams
            permitted(
                    "get streams",
                    GlobalFlag.READ_STREAMS,
                    null,
                    null,
                    c -> c.streams().getStreams()),
            permitted(
                    "get stream",
                    GlobalFlag.READ_STREAMS,
                    StreamFlag.READ_STREAM,
                    null,
                    c -> c.streams().getStream(0L)),
            permitted(
                    "create stream",
                    GlobalFlag.MANAGE_STREAMS,
                    null,
                    null,
                    c -> c.streams().createStream("brand-new")),
            permitted(
                    "update stream",
                    GlobalFlag.MANAGE_STREAMS,
                    StreamFlag.MANAGE_STREAM,
                    null,
                    c -> c.streams().updateStream(0L, "renamed")),
            permitted(
                    "delete stream",
                    GlobalFlag.MANAGE_STREAMS,
                    StreamFlag.MANAGE_STREAM,
                    null,
                    c -> c.streams().deleteStream(0L)),
            // topics
            permitted(
                    "get topics",
                    GlobalFlag.READ_TOPICS,
                    StreamFlag.READ_TOPICS,
                    null,
                    c -> c.topics().getTopics(stream(0))),
            permitted(
                    "get topic",
                    GlobalFlag.READ_TOPICS,
                    StreamFlag.READ_TOPICS,
                    TopicFlag.READ_TOPIC,
                    c -> c.topics().getTopic(stream(0), topic(0))),
            permitted(
                    "create topic",
                    GlobalFlag.MANAGE_TOPICS,
                    StreamFlag.MANAGE_TOPICS,
                    null,
                    c -> Sdk.createTopic(c, 0, 1, "brand-new")),
            permitted(
                    "update topic",
                    GlobalFlag.MANAGE_TOPICS,
                    StreamFlag.MANAGE_TOPICS,
                    TopicFlag.MANAGE_TOPIC,
                    c -> c.topics()
                            .updateTopic(
                                    stream(0),
                                    topic(0),
                                    CompressionAlgorithm.Gzip,
                                    BigInteger.ZERO,
                                    BigInteger.ZERO,
                                    Optional.empty(),
                                    "renamed")),
            permitted(
                    "delete topic",
                    GlobalFlag.MANAGE_TOPICS,
                    StreamFlag.MANAGE_TOPICS,
                    TopicFlag.MANAGE_TOPIC,
                    c -> c.topics().deleteTopic(stream(0), topic(0))),
            // partitions
            permitted(
                    "create partitions",
                    GlobalFlag.MANAGE_TOPICS,
                    StreamFlag.MANAGE_TOPICS,
                    TopicFlag.MANAGE_TOPIC,
                    c -> c.partitions().createPartitions(stream(0), topic(0), 1L)),
            permitted(
                    "delete partitions",
                    GlobalFlag.MANAGE_TOPICS,
                    StreamFlag.MANAGE_TOPICS,
                    TopicFlag.MANAGE_TOPIC,
                    c -> c.partitions().deletePartitions(stream(0), topic(0), 1L)),
            // messages and offsets
            permitted(
                    "send messages",
                    GlobalFlag.SEND_MESSAGES,
                    StreamFlag.SEND_MESSAGES,
                    TopicFlag.SEND_MESSAGES,
                    c -> c.messages()
                            .sendMessages(
                                    stream(0), topic(0), Partitioning.partitionId(1L), List.of(Sdk.text("sent")))),
            permitted(
                    "poll messages",
                    GlobalFlag.POLL_MESSAGES,
                    StreamFlag.POLL_MESSAGES,
                    TopicFlag.POLL_MESSAGES,
                    c -> Sdk.poll(c, 0, 0, 0, 1, PollingStrategy.first(), 10, false)),
            permitted(
                    "store consumer offset",
                    GlobalFlag.POLL_MESSAGES,
                    StreamFlag.POLL_MESSAGES,
                    TopicFlag.POLL_MESSAGES,
                    c -> c.consumerOffsets()
                            .storeConsumerOffset(
                                    stream(0), topic(0), Optional.of(0L), Consumer.of(1L), BigInteger.ONE)),
            permitted(
                    "get consumer offset",
                    GlobalFlag.POLL_MESSAGES,
                    StreamFlag.POLL_MESSAGES,
                    TopicFlag.POLL_MESSAGES,
                    c -> c.consumerOffsets().getConsumerOffset(stream(0), topic(0), Optional.of(0L), Consumer.of(1L))),
            // consumer groups: the 0.8.0 permissioner treats every group command as reading the topic
            permitted(
                    "get consumer groups",
                    GlobalFlag.READ_TOPICS,
                    StreamFlag.READ_TOPICS,
                    TopicFlag.READ_TOPIC,
                    c -> c.consumerGroups().getConsumerGroups(stream(0), topic(0))),
            permitted(
                    "get consumer group",
                    GlobalFlag.READ_TOPICS,
                    StreamFlag.READ_TOPICS,
                    TopicFlag.READ_TOPIC,
                    c -> c.consumerGroups().getConsumerGroup(stream(0), topic(0), group(0))),
            permitted(
                    "create consumer group",
                    GlobalFlag.READ_TOPICS,
                    StreamFlag.READ_TOPICS,
                    TopicFlag.READ_TOPIC,
                    c -> c.consumerGroups().createConsumerGroup(stream(0), topic(0), "brand-new")),
            permitted(
                    "delete consumer group",
                    GlobalFlag.READ_TOPICS,
                    StreamFlag.READ_TOPICS,
                    TopicFlag.READ_TOPIC,
                    c -> c.consumerGroups().deleteConsumerGroup(stream(0), topic(0), group(0))),
            permitted(
                    "join consumer group",
                    GlobalFlag.READ_TOPICS,
                    StreamFlag.READ_TOPICS,
                    TopicFlag.READ_TOPIC,
                    c -> c.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0))),
            permitted(
                    "join then leave consumer group",
                    GlobalFlag.READ_TOPICS,
                    StreamFlag.READ_TOPICS,
                    TopicFlag.READ_TOPIC,
                    c -> {
                        c.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));
                        c.consumerGroups().leaveConsumerGroup(stream(0), topic(0), group(0));
                    }));

    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }

    Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : TABLE) {
            for (Principal principal : Principal.values()) {
                if (applies(row, principal) && covers(principal)) {
                    cases.add(Arguments.of(row, principal));
                }
            }
        }
        return cases.stream();
    }

    /** The principals this flavour runs; all of them unless a subclass narrows the matrix. */
    boolean covers(Principal principal) {
        return true;
    }

    @BeforeAll
    void createActor() {
        actorId = root.users()
                .createUser(ACTOR, ACTOR_PASSWORD, UserStatus.Active, Optional.empty())
                .id();
        actor = clients().classLogin(ACTOR, ACTOR_PASSWORD);
    }

    @Override
    boolean keepUser(UserInfo user) {
        return user.id() == actorId;
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void commandIsAllowedOrDeniedAsTheTableSays(Row row, Principal principal) {
        if (row.needsConnection()) {
            assumeSessions("the SDK refuses " + row + " itself (http-api.md 6)");
        }
        try {
            buildWorld(row);
        } catch (RuntimeException e) {
            throw new IllegalStateException("building the world failed", e);
        }
        IggyBaseClient client;
        try {
            client = clientFor(row, principal);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "preparing the principal failed; users: " + root.users().getUsers(), e);
        }
        try {
            switch (expected(row, principal)) {
                case ALLOW -> {
                    try {
                        row.command().run(client);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(
                                "allowed command failed; users: " + root.users().getUsers(), e);
                    }
                }
                case UNAUTHENTICATED ->
                    assertUnauthenticated(() -> row.command().run(client));
                case UNAUTHORIZED -> assertUnauthorized(() -> row.command().run(client));
            }
        } finally {
            if (client == actor && row.changesSession()) {
                actor().users().login(ACTOR, ACTOR_PASSWORD);
            }
        }
        // Commands on "target" or on the world must leave the acting user alone.
        Optional<UserInfoDetails> actorNow = root.users().getUser(actorId);
        restoreActor();
        assertThat(actorNow).as("actor after %s", row).isPresent();
        assertThat(actorNow.orElseThrow().username())
                .as("actor's name after %s", row)
                .isEqualTo(ACTOR);
        assertThat(actorNow.orElseThrow().status())
                .as("actor's status after %s", row)
                .isEqualTo(UserStatus.Active);
    }

    /** Puts the actor back as it was, so one wrong case does not spoil every case after it. */
    private void restoreActor() {
        Optional<UserInfoDetails> now = root.users().getUser(actorId);
        if (now.isEmpty()) {
            actorId = root.users()
                    .createUser(ACTOR, ACTOR_PASSWORD, UserStatus.Active, Optional.empty())
                    .id();
        } else if (!now.orElseThrow().username().equals(ACTOR)
                || now.orElseThrow().status() != UserStatus.Active) {
            root.users().updateUser(actorId, Optional.of(ACTOR), Optional.of(UserStatus.Active));
        } else {
            return;
        }
        actor().users().login(ACTOR, ACTOR_PASSWORD);
    }

    private enum Outcome {
        ALLOW,
        UNAUTHENTICATED,
        UNAUTHORIZED
    }

    private static boolean applies(Row row, Principal principal) {
        return switch (principal) {
            case NOT_LOGGED_IN, NO_PERMISSIONS, ROOT -> true;
            case GLOBAL_FLAG -> row.global() != null;
            case STREAM_FLAG, STREAM_FLAG_ON_OTHER_STREAM -> row.stream() != null;
            case TOPIC_FLAG -> row.topic() != null;
        };
    }

    private static Outcome expected(Row row, Principal principal) {
        return switch (principal) {
            case NOT_LOGGED_IN -> row.access() == Access.PUBLIC ? Outcome.ALLOW : Outcome.UNAUTHENTICATED;
            case NO_PERMISSIONS -> row.access() == Access.PERMISSION ? Outcome.UNAUTHORIZED : Outcome.ALLOW;
            case GLOBAL_FLAG, STREAM_FLAG, TOPIC_FLAG, ROOT -> Outcome.ALLOW;
            case STREAM_FLAG_ON_OTHER_STREAM -> Outcome.UNAUTHORIZED;
        };
    }

    private void buildWorld(Row row) {
        root.streams().createStream("perm-s");
        Sdk.createTopic(root, 0, 2, "perm-t");
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 3));
        root.streams().createStream("perm-other");
        Sdk.createTopic(root, 1, 1, "other-t");
        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "perm-g");
        if (row.usesTarget()) {
            root.users().createUser("target", TARGET_PASSWORD, UserStatus.Active, Optional.empty());
        }
    }

    /**
     * The client that runs the command. The actor is one user with one session for the whole class
     * whose permissions are replaced for each case (no password hashing per case); root and
     * anonymous cases use root's shared client or a new one.
     */
    private IggyBaseClient clientFor(Row row, Principal principal) {
        Optional<Permissions> permissions = switch (principal) {
            case NOT_LOGGED_IN, ROOT, NO_PERMISSIONS -> Optional.empty();
            case GLOBAL_FLAG -> Optional.of(new Permissions(Sdk.global(required(row.global())), Map.of()));
            case STREAM_FLAG -> Optional.of(onStream(0, Sdk.streamLevel(required(row.stream()), Map.of())));
            case TOPIC_FLAG -> Optional.of(onStream(0, Sdk.streamWithTopicOnly(0, required(row.topic()))));
            case STREAM_FLAG_ON_OTHER_STREAM ->
                Optional.of(onStream(1, Sdk.streamLevel(required(row.stream()), Map.of())));
        };
        return switch (principal) {
            case NOT_LOGGED_IN -> clients().anonymous();
            case ROOT -> row.changesSession() ? clients().root() : root;
            default -> {
                root.users().updatePermissions(actorId, permissions);
                yield actor();
            }
        };
    }

    private IggyBaseClient actor() {
        if (actor == null) {
            throw new IllegalStateException("no actor");
        }
        return actor;
    }

    private static Permissions onStream(long streamId, StreamPermissions permissions) {
        return new Permissions(Sdk.NO_GLOBAL, Map.of(streamId, permissions));
    }

    private static <T> T required(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("the table has no flag for this scope");
        }
        return value;
    }

    private static Row open(String name, Command command) {
        return new Row(name, Access.PUBLIC, null, null, null, command, false);
    }

    private static Row session(String name, Command command) {
        return new Row(name, Access.SESSION, null, null, null, command, false);
    }

    private static Row permitted(
            String name, GlobalFlag global, @Nullable StreamFlag stream, @Nullable TopicFlag topic, Command command) {
        return new Row(name, Access.PERMISSION, global, stream, topic, command, false);
    }
}
