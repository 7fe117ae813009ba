package io.whippet.protocol.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Hex;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.serde.BytesDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The real Java SDK 0.8.0 reads what our reply encoders write: each reply is parsed with the
 * SDK's own deserializer and checked field by field, with nothing left unread.
 */
class JavaSdkDeserializerTest {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Test
    void streamDetailsWithTopics() {
        StreamDetails ours = new StreamDetails(
                ResponseSamples.stream(), List.of(ResponseSamples.topic(0), ResponseSamples.topic(1)));
        ByteBuf in = sdk(ours);
        org.apache.iggy.stream.StreamDetails parsed = BytesDeserializer.readStreamDetails(in);
        assertThat(parsed.id()).isEqualTo(0L);
        assertThat(parsed.name()).isEqualTo("s1");
        assertThat(parsed.topicsCount()).isEqualTo(2L);
        assertThat(parsed.messagesCount()).isEqualTo(BigInteger.valueOf(12));
        assertThat(parsed.createdAt()).isEqualTo(BigInteger.valueOf(1_700_000_000_000_000L));
        assertThat(parsed.topics())
                .extracting(org.apache.iggy.topic.Topic::name)
                .containsExactly("t0", "t1");
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void topicDetailsWithPartitions() {
        TopicDetails ours = new TopicDetails(
                ResponseSamples.topic(4), List.of(ResponseSamples.partition(0), ResponseSamples.partition(1)));
        ByteBuf in = sdk(ours);
        org.apache.iggy.topic.TopicDetails parsed = BytesDeserializer.readTopicDetails(in);
        assertThat(parsed.id()).isEqualTo(4L);
        assertThat(parsed.name()).isEqualTo("t4");
        assertThat(parsed.messageExpiry()).isEqualTo(U64_MAX);
        assertThat(parsed.maxTopicSize()).isEqualTo(U64_MAX);
        assertThat(parsed.replicationFactor()).isEqualTo((short) 1);
        assertThat(parsed.compressionAlgorithm()).isEqualTo(org.apache.iggy.topic.CompressionAlgorithm.None);
        assertThat(parsed.partitions())
                .extracting(org.apache.iggy.partition.Partition::id)
                .containsExactly(0L, 1L);
        assertThat(parsed.partitions().get(1).currentOffset()).isEqualTo(BigInteger.valueOf(5));
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void consumerGroupDetailsWithMembers() {
        ConsumerGroupDetails ours = new ConsumerGroupDetails(
                new ConsumerGroupInfo(2, 3, 2, "g1"),
                List.of(new ConsumerGroupMember(0, List.of(0L, 2L)), new ConsumerGroupMember(1, List.of(1L))));
        ByteBuf in = sdk(ours);
        org.apache.iggy.consumergroup.ConsumerGroupDetails parsed = BytesDeserializer.readConsumerGroupDetails(in);
        assertThat(parsed.id()).isEqualTo(2L);
        assertThat(parsed.name()).isEqualTo("g1");
        assertThat(parsed.members()).hasSize(2);
        assertThat(parsed.members().get(0).partitions()).containsExactly(0L, 2L);
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void consumerOffset() {
        ByteBuf in = sdk(new ConsumerOffsetInfo(1, 9, 4));
        org.apache.iggy.consumeroffset.ConsumerOffsetInfo parsed = BytesDeserializer.readConsumerOffsetInfo(in);
        assertThat(parsed.partitionId()).isEqualTo(1L);
        assertThat(parsed.currentOffset()).isEqualTo(BigInteger.valueOf(9));
        assertThat(parsed.storedOffset()).isEqualTo(BigInteger.valueOf(4));
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void polledMessagesWithHeaders() {
        PolledMessages ours = PolledMessages.of(
                1,
                7,
                List.of(
                        ResponseSamples.message(
                                6, "hello", Map.of(HeaderValue.ofString("key"), HeaderValue.ofInt32(42))),
                        ResponseSamples.message(7, "world", Map.of())));
        ByteBuf in = sdk(ours);
        org.apache.iggy.message.PolledMessages parsed = BytesDeserializer.readPolledMessages(in);
        assertThat(parsed.partitionId()).isEqualTo(1L);
        assertThat(parsed.currentOffset()).isEqualTo(BigInteger.valueOf(7));
        assertThat(parsed.messages()).hasSize(2);
        org.apache.iggy.message.Message first = parsed.messages().get(0);
        assertThat(new String(first.payload(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(first.header().offset()).isEqualTo(BigInteger.valueOf(6));
        assertThat(first.header().checksum()).isEqualTo(BigInteger.valueOf(0x1234_5678_9abc_def0L));
        assertThat(first.userHeaders())
                .hasEntrySatisfying(
                        HeaderKey.fromString("key"),
                        v -> assertThat(v.asInt32()).isEqualTo(42));
        assertThat(parsed.messages().get(1).userHeaders()).isEmpty();
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void stats() {
        ByteBuf in = sdk(ResponseSamples.stats());
        org.apache.iggy.system.Stats parsed = BytesDeserializer.readStats(in);
        assertThat(parsed.processId()).isEqualTo(4242L);
        assertThat(parsed.cpuUsage()).isEqualTo(1.5f);
        assertThat(parsed.totalCpuUsage()).isEqualTo(12.25f);
        assertThat(parsed.streamsCount()).isEqualTo(1L);
        assertThat(parsed.segmentsCount()).isEqualTo(4L);
        assertThat(parsed.messagesCount()).isEqualTo(BigInteger.valueOf(100));
        assertThat(parsed.clientsCount()).isEqualTo(3L);
        assertThat(parsed.consumerGroupsCount()).isEqualTo(1L);
        assertThat(parsed.hostname()).isEqualTo("host");
        assertThat(parsed.kernelVersion()).isEqualTo("6.1.0-13");
        assertThat(parsed.iggyServerVersion()).isEqualTo("0.8.0");
        assertThat(parsed.iggyServerSemver()).contains(8000L);
        assertThat(parsed.cacheMetrics()).hasSize(1);
        assertThat(parsed.threadsCount()).isEqualTo(8L);
        assertThat(parsed.runTime()).isEqualTo(BigInteger.valueOf(3_600_000_000L));
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void clientDetailsWithGroups() {
        ClientDetails ours = new ClientDetails(
                new ClientInfo(5, 0, Transport.QUIC, "127.0.0.1:54321", 1), List.of(new ClientGroup(1, 2, 3)));
        ByteBuf in = sdk(ours);
        org.apache.iggy.system.ClientInfoDetails parsed = BytesDeserializer.readClientInfoDetails(in);
        assertThat(parsed.clientId()).isEqualTo(5L);
        assertThat(parsed.address()).isEqualTo("127.0.0.1:54321");
        assertThat(parsed.transport()).isEqualTo("Quic");
        assertThat(parsed.consumerGroups()).hasSize(1);
        assertThat(parsed.consumerGroups().get(0).consumerGroupId()).isEqualTo(3L);
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void clientList() {
        ByteBuf in = Unpooled.wrappedBuffer(Hex.toBytes(Responses.encodeListPayload(
                List.of(ResponseSamples.client(0), new ClientInfo(6, 1, Transport.TCP, "10.0.0.1:1", 2)))));
        assertThat(BytesDeserializer.readClientInfo(in).clientId()).isEqualTo(0x9df7e1e5L);
        assertThat(BytesDeserializer.readClientInfo(in).consumerGroupsCount()).isEqualTo(2L);
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void userDetailsWithAndWithoutPermissions() {
        ByteBuf without = sdk(new UserDetails(ResponseSamples.user(), null));
        org.apache.iggy.user.UserInfoDetails parsedWithout = BytesDeserializer.readUserInfoDetails(without);
        assertThat(parsedWithout.username()).isEqualTo("iggy");
        assertThat(parsedWithout.status()).isEqualTo(org.apache.iggy.user.UserStatus.Active);
        assertThat(parsedWithout.permissions()).isEmpty();

        UserInfo inactive = new UserInfo(3, 10, UserStatus.INACTIVE, "user1");
        ByteBuf with = sdk(new UserDetails(inactive, Permissions.all()));
        org.apache.iggy.user.UserInfoDetails parsedWith = BytesDeserializer.readUserInfoDetails(with);
        assertThat(parsedWith.id()).isEqualTo(3L);
        assertThat(parsedWith.status()).isEqualTo(org.apache.iggy.user.UserStatus.Inactive);
        assertThat(parsedWith.permissions())
                .hasValueSatisfying(p -> assertThat(p.global().sendMessages()).isTrue());
        assertThat(with.isReadable()).isFalse();
    }

    @Test
    void personalAccessTokens() {
        ByteBuf info = sdk(new PersonalAccessTokenInfo("token1", 1_800_000_000_000_000L));
        org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo parsed =
                BytesDeserializer.readPersonalAccessTokenInfo(info);
        assertThat(parsed.name()).isEqualTo("token1");
        assertThat(parsed.expiryAt()).contains(BigInteger.valueOf(1_800_000_000_000_000L));

        ByteBuf raw = sdk(new RawPersonalAccessToken("abc="));
        assertThat(BytesDeserializer.readRawPersonalAccessToken(raw).token()).isEqualTo("abc=");
    }

    @Test
    void consumerGroupAndStreamHeaders() {
        org.apache.iggy.consumergroup.ConsumerGroup group =
                BytesDeserializer.readConsumerGroup(sdk(new ConsumerGroupInfo(1, 3, 0, "g2")));
        assertThat(group.name()).isEqualTo("g2");
        assertThat(group.partitionsCount()).isEqualTo(3L);
        assertThat(BytesDeserializer.readStreamBase(sdk(ResponseSamples.stream()))
                        .name())
                .isEqualTo("s1");
        assertThat(BytesDeserializer.readUserInfo(sdk(ResponseSamples.user())).username())
                .isEqualTo("iggy");
    }

    private static ByteBuf sdk(Response response) {
        return Unpooled.wrappedBuffer(Hex.toBytes(Responses.encodePayload(response)));
    }
}
