package io.whippet.protocol.response;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.UserStatus;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One sample of every reply layout, each with its decoder. */
final class ResponseSamples {
    private ResponseSamples() {}

    /** A sample and the decoder that reads it back. */
    record Sample(Response response, Function<ByteBuffer, Response> decoder, boolean endsWithList) {
        @Override
        public String toString() {
            return response.getClass().getSimpleName();
        }
    }

    static StreamInfo stream() {
        return new StreamInfo(0, 1_700_000_000_000_000L, 2, 4096, 12, "s1");
    }

    static TopicInfo topic(long id) {
        return new TopicInfo(id, 1_700_000_000_000_001L, 2, -1L, CompressionAlgorithm.NONE, -1L, 1, 2048, 6, "t" + id);
    }

    static PartitionInfo partition(long id) {
        return new PartitionInfo(id, 1_700_000_000_000_002L, 1, 5, 1024, 6);
    }

    static ClientInfo client(long groups) {
        return new ClientInfo(0x9df7e1e5L, ClientInfo.NO_USER, Transport.TCP, "127.0.0.1:54321", groups);
    }

    static UserInfo user() {
        return new UserInfo(0, 1_700_000_000_000_000L, UserStatus.ACTIVE, "iggy");
    }

    static Stats stats() {
        return new Stats(
                4242,
                1.5f,
                12.25f,
                1L << 30,
                16L << 30,
                8L << 30,
                3_600_000_000L,
                1_700_000_000_000_000L,
                10,
                20,
                30,
                1,
                2,
                4,
                4,
                100,
                3,
                1,
                "host",
                "Linux",
                "6.1",
                "6.1.0-13",
                "0.8.0",
                8000,
                List.of(new CacheMetric(0, 0, 1, 10, 2, 0.8333f)),
                8,
                100L << 30,
                500L << 30);
    }

    static PolledMessage message(long offset, String payload, Map<HeaderValue, HeaderValue> headers) {
        return new PolledMessage(
                0x1234_5678_9abc_def0L,
                offset + 1,
                0,
                offset,
                1_700_000_000_000_000L + offset,
                0,
                headers,
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<Sample> all() {
        return List.of(
                new Sample(stream(), StreamInfo::decode, false),
                new Sample(new StreamDetails(stream(), List.of(topic(0), topic(1))), StreamDetails::decode, true),
                new Sample(topic(0), TopicInfo::decode, false),
                new Sample(new TopicDetails(topic(0), List.of(partition(0), partition(1))), TopicDetails::decode, true),
                new Sample(partition(3), PartitionInfo::decode, false),
                new Sample(new ConsumerGroupInfo(0, 2, 1, "g1"), ConsumerGroupInfo::decode, false),
                new Sample(
                        new ConsumerGroupDetails(
                                new ConsumerGroupInfo(0, 3, 2, "g1"),
                                List.of(
                                        new ConsumerGroupMember(0, List.of(0L, 2L)),
                                        new ConsumerGroupMember(1, List.of(1L)))),
                        ConsumerGroupDetails::decode,
                        true),
                new Sample(new ConsumerGroupMember(5, List.of()), ConsumerGroupMember::decode, false),
                new Sample(new ConsumerOffsetInfo(0, 9, 4), ConsumerOffsetInfo::decode, false),
                new Sample(client(0), ClientInfo::decode, false),
                new Sample(
                        new ClientDetails(client(2), List.of(new ClientGroup(0, 0, 0), new ClientGroup(1, 2, 3))),
                        ClientDetails::decode,
                        false),
                new Sample(new ClientGroup(1, 2, 3), ClientGroup::decode, false),
                new Sample(user(), UserInfo::decode, false),
                new Sample(new UserDetails(user(), null), UserDetails::decode, false),
                new Sample(
                        new UserDetails(
                                user(),
                                new Permissions(
                                        Permissions.none().global(),
                                        Map.of(
                                                1L,
                                                new StreamPermissions(
                                                        true, true, false, false, true, true, Map.of())))),
                        UserDetails::decode,
                        false),
                new Sample(new PersonalAccessTokenInfo("token1", 0), PersonalAccessTokenInfo::decode, false),
                new Sample(new RawPersonalAccessToken("a".repeat(68)), RawPersonalAccessToken::decode, false),
                new Sample(new Identity(0), Identity::decode, false),
                new Sample(stats(), Stats::decode, false),
                new Sample(new CacheMetric(1, 2, 3, 4, 5, 0.5f), CacheMetric::decode, false),
                new Sample(
                        new ClusterMetadata(
                                "single-node",
                                List.of(new ClusterNode(
                                        "iggy-node",
                                        "127.0.0.1",
                                        8090,
                                        8080,
                                        3000,
                                        8092,
                                        ClusterNode.Role.LEADER,
                                        ClusterNode.Status.HEALTHY))),
                        ClusterMetadata::decode,
                        false),
                new Sample(
                        new ClusterNode(
                                "n2",
                                "10.0.0.2",
                                1,
                                2,
                                3,
                                65535,
                                ClusterNode.Role.FOLLOWER,
                                ClusterNode.Status.UNKNOWN),
                        ClusterNode::decode,
                        false),
                new Sample(
                        PolledMessages.of(
                                1,
                                7,
                                List.of(
                                        message(
                                                6,
                                                "hello",
                                                Map.of(HeaderValue.ofString("key"), HeaderValue.ofInt32(42))),
                                        message(7, "world", Map.of()))),
                        PolledMessages::decode,
                        true),
                new Sample(PolledMessages.of(0, 0, List.of()), PolledMessages::decode, true));
    }
}
