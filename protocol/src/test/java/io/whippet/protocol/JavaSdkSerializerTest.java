package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.whippet.protocol.command.OutgoingMessage;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.serde.BytesSerializer;
import org.apache.iggy.user.GlobalPermissions;
import org.apache.iggy.user.StreamPermissions;
import org.apache.iggy.user.TopicPermissions;
import org.junit.jupiter.api.Test;

/**
 * The real Java SDK 0.8.0 serializers as an oracle: the bytes it writes for each shared part of a
 * request equal what our encoders write, and our decoders read them back.
 */
class JavaSdkSerializerTest {
    @Test
    void identifiersMatchTheSdk() {
        assertSame(BytesSerializer.toBytes(StreamId.of(7L)), Identifier.of(7)::encode);
        assertSame(BytesSerializer.toBytes(StreamId.of("s1")), Identifier.of("s1")::encode);
        assertThat(Identifier.decode(nio(BytesSerializer.toBytes(StreamId.of("orders")))))
                .isEqualTo(Identifier.of("orders"));
    }

    @Test
    void consumersMatchTheSdk() {
        assertSame(
                BytesSerializer.toBytes(org.apache.iggy.consumergroup.Consumer.of(7L)),
                io.whippet.protocol.Consumer.consumer(Identifier.of(7))::encode);
        assertSame(
                BytesSerializer.toBytes(org.apache.iggy.consumergroup.Consumer.group(ConsumerId.of("g1"))),
                io.whippet.protocol.Consumer.group(Identifier.of("g1"))::encode);
    }

    @Test
    void partitioningMatchesTheSdk() {
        assertSame(
                BytesSerializer.toBytes(org.apache.iggy.message.Partitioning.balanced()),
                Partitioning.balanced()::encode);
        assertSame(
                BytesSerializer.toBytes(org.apache.iggy.message.Partitioning.partitionId(1L)),
                Partitioning.partitionId(1)::encode);
        assertSame(
                BytesSerializer.toBytes(org.apache.iggy.message.Partitioning.messagesKey("user-7")),
                Partitioning.messagesKey("user-7".getBytes(StandardCharsets.UTF_8))::encode);
    }

    @Test
    void pollingStrategiesAndPartitionIdsMatchTheSdk() {
        assertSame(
                BytesSerializer.toBytes(org.apache.iggy.message.PollingStrategy.offset(BigInteger.valueOf(3))),
                new PollingStrategy.Offset(3)::encode);
        assertSame(
                BytesSerializer.toBytes(org.apache.iggy.message.PollingStrategy.next()),
                new PollingStrategy.Next()::encode);
        assertSame(BytesSerializer.toBytes(Optional.of(5L)), OptionalPartitionId.of(5)::encode);
        assertSame(BytesSerializer.toBytes(Optional.<Long>empty()), OptionalPartitionId.absent()::encode);
    }

    @Test
    void userHeadersMatchTheSdk() {
        ByteBuf sdk = BytesSerializer.toBytes(
                Map.of(HeaderKey.fromString("key"), org.apache.iggy.message.HeaderValue.fromInt32(42)));
        Map<HeaderValue, HeaderValue> ours = Map.of(HeaderValue.ofString("key"), HeaderValue.ofInt32(42));
        assertThat(ByteBufUtil.getBytes(sdk)).isEqualTo(UserHeaders.encode(ours));
    }

    @Test
    void permissionsBlockMatchesTheSdk() {
        org.apache.iggy.user.Permissions sdkPermissions = new org.apache.iggy.user.Permissions(
                new GlobalPermissions(true, false, true, false, true, false, true, false, true, false),
                Map.of(
                        3L,
                        new StreamPermissions(
                                false,
                                true,
                                false,
                                true,
                                false,
                                true,
                                Map.of(1L, new TopicPermissions(true, false, false, true)))));
        Permissions ours = new Permissions(
                new Permissions.GlobalPermissions(true, false, true, false, true, false, true, false, true, false),
                Map.of(
                        3L,
                        new Permissions.StreamPermissions(
                                false,
                                true,
                                false,
                                true,
                                false,
                                true,
                                Map.of(1L, new Permissions.TopicPermissions(true, false, false, true)))));
        byte[] sdkBytes = ByteBufUtil.getBytes(BytesSerializer.toBytes(sdkPermissions));
        assertSame(BytesSerializer.toBytes(sdkPermissions), out -> PermissionsCodec.encodeBlock(ours, out));
        assertThat(PermissionsCodec.decodeBlock(Hex.buffer(sdkBytes))).isEqualTo(ours);
    }

    @Test
    void messageLayoutMatchesTheSdk() {
        Map<HeaderValue, HeaderValue> headers = Map.of(HeaderValue.ofString("key"), HeaderValue.ofInt32(42));
        org.apache.iggy.message.Message sdkMessage = org.apache.iggy.message.Message.of(
                "hello", Map.of(HeaderKey.fromString("key"), org.apache.iggy.message.HeaderValue.fromInt32(42)));
        byte[] sdkBytes = ByteBufUtil.getBytes(BytesSerializer.toBytes(sdkMessage));
        ByteBuffer sdk = Hex.buffer(sdkBytes);
        OutgoingMessage ours = new OutgoingMessage(
                sdk.getLong(MessageLayout.ID_OFFSET),
                sdk.getLong(MessageLayout.ID_OFFSET + 8),
                "hello".getBytes(StandardCharsets.UTF_8),
                headers,
                sdk.getLong(MessageLayout.ORIGIN_TIMESTAMP_OFFSET));
        ByteBuffer out = ByteBuffer.allocate(ours.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        ours.encode(out);
        assertThat(out.array()).isEqualTo(sdkBytes);
    }

    private static void assertSame(ByteBuf sdk, Consumer<ByteBuffer> encoder) {
        byte[] expected = ByteBufUtil.getBytes(sdk);
        ByteBuffer out = ByteBuffer.allocate(expected.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        encoder.accept(out);
        assertThat(Hex.toBytes(out.flip())).isEqualTo(expected);
    }

    private static ByteBuffer nio(ByteBuf buf) {
        return Hex.buffer(ByteBufUtil.getBytes(buf));
    }
}
