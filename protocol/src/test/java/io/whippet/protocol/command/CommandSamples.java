package io.whippet.protocol.command;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.UserStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * At least one sample of every command, plus the variants of the ones with optional parts. Public
 * for the server's fuzz test, which gets it through this module's test jar.
 */
public final class CommandSamples {
    private CommandSamples() {}

    static Permissions permissions() {
        return new Permissions(
                Permissions.all().global(),
                Map.of(
                        0L,
                        new StreamPermissions(
                                true,
                                false,
                                true,
                                false,
                                true,
                                false,
                                Map.of(3L, new TopicPermissions(false, true, false, true)))));
    }

    public static List<Command> all() {
        Identifier s = Identifier.of(0);
        Identifier t = Identifier.of("orders");
        Identifier g = Identifier.of(4);
        return List.of(
                new Ping(),
                new GetStats(),
                new GetSnapshot(
                        GetSnapshot.Compression.DEFLATED,
                        List.of(GetSnapshot.SnapshotType.SERVER_LOGS, GetSnapshot.SnapshotType.SERVER_CONFIG)),
                new GetSnapshot(GetSnapshot.Compression.STORED, List.of()),
                new GetClusterMetadata(),
                new GetMe(),
                new GetClient(42),
                new GetClients(),
                new GetUser(Identifier.of("user1")),
                new GetUsers(),
                new CreateUser("user1", "secret", UserStatus.ACTIVE, permissions()),
                new CreateUser("user2", "", UserStatus.INACTIVE, null),
                new DeleteUser(Identifier.of(3)),
                new UpdateUser(Identifier.of(1), "user2", UserStatus.INACTIVE),
                new UpdateUser(Identifier.of(1), null, null),
                new UpdatePermissions(Identifier.of(1), permissions()),
                new UpdatePermissions(Identifier.of("user1"), null),
                new ChangePassword(Identifier.of("user1"), "old", "new-secret"),
                new LoginUser("iggy", "iggy", "iggy-java-sdk/0.8.0", ""),
                new LogoutUser(),
                new GetPersonalAccessTokens(),
                new CreatePersonalAccessToken("token1", -1L),
                new DeletePersonalAccessToken("token1"),
                new LoginWithPersonalAccessToken("c2VjcmV0IHRva2Vu"),
                new PollMessages(
                        Consumer.consumer(Identifier.of(7)),
                        s,
                        t,
                        OptionalPartitionId.of(0),
                        new PollingStrategy.Offset(3),
                        10,
                        true),
                new PollMessages(
                        Consumer.group(Identifier.of("g1")),
                        s,
                        t,
                        OptionalPartitionId.absent(),
                        new PollingStrategy.Next(),
                        0xFFFF_FFFFL,
                        false),
                SendMessages.of(
                        s,
                        t,
                        Partitioning.messagesKey("user-7".getBytes(StandardCharsets.UTF_8)),
                        List.of(
                                OutgoingMessage.of(
                                        "hello".getBytes(StandardCharsets.UTF_8),
                                        Map.of(HeaderValue.ofString("key"), HeaderValue.ofInt32(42))),
                                new OutgoingMessage(1, 2, new byte[0], Map.of(), 1_700_000_000_000_000L))),
                new FlushUnsavedBuffer(s, t, 2, true),
                new GetConsumerOffset(Consumer.group(g), s, t, OptionalPartitionId.absent()),
                new StoreConsumerOffset(Consumer.consumer(Identifier.of(7)), s, t, OptionalPartitionId.of(0), 5),
                new DeleteConsumerOffset(Consumer.consumer(Identifier.of(7)), s, t, OptionalPartitionId.of(1)),
                new GetStream(s),
                new GetStreams(),
                new CreateStream("s1"),
                new DeleteStream(Identifier.of("s1")),
                new UpdateStream(s, "s2"),
                new PurgeStream(s),
                new GetTopic(s, t),
                new GetTopics(s),
                new CreateTopic(s, 2, CompressionAlgorithm.NONE, 0, 0, 0, "t1"),
                new DeleteTopic(s, t),
                new UpdateTopic(s, t, CompressionAlgorithm.GZIP, -1L, -1L, 3, "t2"),
                new PurgeTopic(s, t),
                new CreatePartitions(s, t, 3),
                new DeletePartitions(s, t, 1),
                new DeleteSegments(s, t, 1, 2),
                new GetConsumerGroup(s, t, g),
                new GetConsumerGroups(s, t),
                new CreateConsumerGroup(s, t, "g1"),
                new DeleteConsumerGroup(s, t, g),
                new JoinConsumerGroup(s, t, g),
                new LeaveConsumerGroup(s, t, Identifier.of("g1")));
    }
}
