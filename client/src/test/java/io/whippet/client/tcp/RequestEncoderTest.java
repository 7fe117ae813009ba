package io.whippet.client.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.whippet.client.Message;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.command.Commands;
import io.whippet.protocol.command.CreateStream;
import io.whippet.protocol.command.OutgoingMessage;
import io.whippet.protocol.command.SendMessages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {
    private static byte[] bytes(ByteBuf frame) {
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] out = new byte[frame.remaining()];
        frame.get(out);
        return out;
    }

    @Test
    void controlFrameMatchesTheProtocolEncoding() {
        CreateStream command = new CreateStream("orders");
        assertThat(bytes(RequestEncoder.encode(PooledByteBufAllocator.DEFAULT, command)))
                .isEqualTo(bytes(Commands.encodeRequest(command)));
    }

    @Test
    void sendFrameMatchesTheProtocolEncodingByteForByte() {
        Map<HeaderValue, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(HeaderValue.ofString("key"), HeaderValue.ofInt32(42));
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] world = "world, longer".getBytes(StandardCharsets.UTF_8);
        List<Message> messages =
                List.of(new Message(7, 9, hello, headers, 1234), Message.of(world), Message.of(new byte[0]));
        List<OutgoingMessage> expected = List.of(
                new OutgoingMessage(7, 9, hello, headers, 1234),
                OutgoingMessage.of(world),
                OutgoingMessage.of(new byte[0]));

        for (Partitioning partitioning : List.of(
                Partitioning.balanced(),
                Partitioning.partitionId(3),
                Partitioning.messagesKey("user-1".getBytes(StandardCharsets.UTF_8)))) {
            byte[] ours = bytes(RequestEncoder.encodeSend(
                    PooledByteBufAllocator.DEFAULT, Identifier.of(1), Identifier.of("topic"), partitioning, messages));
            byte[] reference = bytes(Commands.encodeRequest(
                    SendMessages.of(Identifier.of(1), Identifier.of("topic"), partitioning, expected)));
            assertThat(ours).as("%s", partitioning).isEqualTo(reference);
        }
    }

    @Test
    void sendFrameDecodesAsTheServerWouldReadIt() {
        List<Message> messages = List.of(Message.of("a"), Message.of("bb"), Message.of("ccc"));
        ByteBuf frame = RequestEncoder.encodeSend(
                PooledByteBufAllocator.DEFAULT,
                Identifier.of(0),
                Identifier.of(0),
                Partitioning.partitionId(0),
                messages);
        byte[] whole = bytes(frame);
        ByteBuffer payload =
                ByteBuffer.wrap(whole, 8, whole.length - 8).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        SendMessages decoded = SendMessages.decode(payload);
        assertThat(decoded.messagesCount()).isEqualTo(3);
        assertThat(decoded.messages().remaining()).isEqualTo(3 * 64 + 6);
    }
}
