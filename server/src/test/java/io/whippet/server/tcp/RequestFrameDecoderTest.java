package io.whippet.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.whippet.protocol.ErrorCode;
import io.whippet.server.command.Session;
import java.nio.ByteBuffer;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class RequestFrameDecoderTest {
    private final Session session = new Session(Session.Transport.TCP, "127.0.0.1:1", 0);
    private final FrameLimits limits = new FrameLimits(16, 64, 128);

    private static ByteBuf frame(int code, byte... payload) {
        return Unpooled.buffer().writeIntLE(4 + payload.length).writeIntLE(code).writeBytes(payload);
    }

    @Test
    void decodesFramesFedOneByteAtATime() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(limits, session));
        ByteBuf bytes = Unpooled.wrappedBuffer(frame(202, (byte) 2, (byte) 's', (byte) '1'), frame(1));
        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(1));
        }
        bytes.release();
        InboundFrame.Request first = channel.readInbound();
        assertThat(first.code()).isEqualTo(202);
        assertThat(first.payload().readableBytes()).isEqualTo(3);
        assertThat(first.payload().getByte(2)).isEqualTo((byte) '1');
        first.payload().release();
        InboundFrame.Request second = channel.readInbound();
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.payload().readableBytes()).isZero();
        second.payload().release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void theRestOfAnIncompleteFrameIsReadStraightIntoItsOwnBuffer() {
        session.login(0);
        RequestFrameDecoder decoder = new RequestFrameDecoder(limits, session);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        assertThat(decoder.readTarget()).as("nothing buffered yet").isNull();
        byte[] payload = new byte[100];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        ByteBuf whole = frame(101, payload);
        // A fresh buffer, as a socket read delivers: the decoder grows it to the frame's size.
        channel.writeInbound(Unpooled.buffer().writeBytes(whole, 8 + 30));
        for (int chunk : new int[] {40, 20}) {
            ByteBuf target = Objects.requireNonNull(decoder.readTarget(), "a frame is pending");
            assertThat(target.writableBytes()).as("the frame's missing bytes").isEqualTo(whole.readableBytes());
            target.writeBytes(whole, chunk);
            channel.writeInbound(target);
            assertThat((Object) channel.readInbound()).isNull();
        }
        ByteBuf last = Objects.requireNonNull(decoder.readTarget(), "a frame is pending");
        last.writeBytes(whole);
        whole.release();
        channel.writeInbound(last);
        InboundFrame.Request request = channel.readInbound();
        assertThat(request.code()).isEqualTo(101);
        byte[] received = new byte[100];
        request.payload().getBytes(request.payload().readerIndex(), received);
        assertThat(received).isEqualTo(payload);
        request.payload().release();
        assertThat(decoder.readTarget()).as("no frame pending").isNull();
        channel.writeInbound(frame(1));
        InboundFrame.Request next = channel.readInbound();
        assertThat(next.code()).isEqualTo(1);
        next.payload().release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aReadTargetThatGetsNoBytesChangesNothing() {
        session.login(0);
        RequestFrameDecoder decoder = new RequestFrameDecoder(limits, session);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        ByteBuf whole = frame(101, new byte[40]);
        channel.writeInbound(Unpooled.buffer().writeBytes(whole, 10));
        ByteBuf unused = Objects.requireNonNull(decoder.readTarget(), "a frame is pending");
        unused.release(); // what the channel does when a read returns nothing
        channel.writeInbound(whole);
        InboundFrame.Request request = channel.readInbound();
        assertThat(request.payload().readableBytes()).isEqualTo(40);
        request.payload().release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void lengthBelowFourIsMalformed() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(limits, session));
        channel.writeInbound(Unpooled.buffer().writeIntLE(3).writeIntLE(1));
        InboundFrame.Malformed malformed = channel.readInbound();
        assertThat(malformed.code()).isEqualTo(ErrorCode.INVALID_COMMAND);
        assertThat(malformed.message()).contains("frame length: 3");
        channel.writeInbound(frame(1));
        assertThat((Object) channel.readInbound())
                .as("input after a malformed frame is discarded")
                .isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void oversizedFrameBeforeLoginIsRejectedFromItsHeaderAlone() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(limits, session));
        // Only the header arrives: the limit is enforced without waiting for (or buffering) the body.
        channel.writeInbound(Unpooled.buffer().writeIntLE(4 + 17).writeIntLE(38));
        InboundFrame.Malformed malformed = channel.readInbound();
        assertThat(malformed.message()).isEqualTo("frame payload length: 17 (expected: <= 16)");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void sendMessagesGetsTheLargerLimitAfterLogin() {
        session.login(0);
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(limits, session));
        channel.writeInbound(frame(101, new byte[100]));
        InboundFrame.Request send = channel.readInbound();
        assertThat(send.payload().readableBytes()).isEqualTo(100);
        send.payload().release();
        channel.writeInbound(frame(202, new byte[100]));
        InboundFrame.Malformed control = channel.readInbound();
        assertThat(control.message()).contains("expected: <= 64");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void hugeLengthNeverAllocates() {
        session.login(0);
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(limits, session));
        channel.writeInbound(Unpooled.buffer().writeIntLE(0xFFFF_FFFF).writeIntLE(101));
        InboundFrame.Malformed malformed = channel.readInbound();
        assertThat(malformed.message()).contains("4294967291");
        assertThat(channel.finish()).isFalse();
    }

    /** The first bytes a JDK TLS client sends: a handshake record holding its ClientHello. */
    static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 8090);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    @Test
    void tlsClientHelloIsRefusedWithoutBufferingTheLengthItSeemsToAnnounce() throws Exception {
        byte[] hello = clientHello();
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(FrameLimits.defaults(), session));
        // Keep a reference: the decoder accumulates into this very buffer, so growth would show.
        ByteBuf bytes = Unpooled.buffer(hello.length).writeBytes(hello);
        int capacity = bytes.capacity();
        channel.writeInbound(bytes.retain());

        InboundFrame.Malformed malformed = channel.readInbound();
        assertThat(malformed.code()).isEqualTo(ErrorCode.INVALID_COMMAND);
        assertThat(malformed.message()).startsWith("a TLS handshake on a plaintext port");
        assertThat(bytes.capacity()).isEqualTo(capacity);
        bytes.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void frameWithinTheLimitReservesRoomForItsWholePayload() {
        // The counterpart of the test above: growth of the accumulating buffer is visible.
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(FrameLimits.defaults(), session));
        ByteBuf bytes = Unpooled.buffer(8).writeIntLE(4 + 1000).writeIntLE(1);
        channel.writeInbound(bytes.retain());

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(bytes.capacity()).isGreaterThanOrEqualTo(8 + 1000);
        bytes.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aLargeFrameGetsRoomAsItsBytesArriveNotAtItsHeader() {
        session.login(0);
        // Frames above 32 bytes grow with what arrived; this one declares 108.
        RequestFrameDecoder decoder = new RequestFrameDecoder(limits, session, 32);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        byte[] payload = new byte[100];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        ByteBuf whole = frame(101, payload);
        channel.writeInbound(Unpooled.buffer(8).writeBytes(whole, 8));
        ByteBuf first = Objects.requireNonNull(decoder.readTarget(), "a frame is pending");
        assertThat(first.writableBytes())
                .as("room for part of the frame only")
                .isGreaterThanOrEqualTo(32)
                .isLessThan(100);
        first.release();
        while (whole.isReadable()) {
            ByteBuf target = Objects.requireNonNull(decoder.readTarget(), "a frame is pending");
            assertThat(target.writableBytes()).isLessThanOrEqualTo(whole.readableBytes());
            target.writeBytes(whole, target.writableBytes());
            channel.writeInbound(target);
        }
        whole.release();
        InboundFrame.Request request = channel.readInbound();
        byte[] received = new byte[100];
        request.payload().getBytes(request.payload().readerIndex(), received);
        assertThat(received).isEqualTo(payload);
        request.payload().release();
        assertThat(channel.finish()).isFalse();
    }
}
