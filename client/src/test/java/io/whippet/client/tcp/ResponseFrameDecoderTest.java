package io.whippet.client.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

class ResponseFrameDecoderTest {
    private static ByteBuf frames() {
        ByteBuf in = Unpooled.buffer();
        in.writeIntLE(0).writeIntLE(3).writeBytes(new byte[] {1, 2, 3});
        in.writeIntLE(1009).writeIntLE(0);
        in.writeIntLE(0).writeIntLE(0);
        return in;
    }

    @Test
    void decodesFramesFedOneByteAtATime() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseFrameDecoder(1024));
        ByteBuf in = frames();
        while (in.isReadable()) {
            channel.writeInbound(in.readRetainedSlice(1));
        }
        in.release();

        ResponseFrame first = channel.readInbound();
        assertThat(first.status()).isZero();
        assertThat(first.payload().readableBytes()).isEqualTo(3);
        assertThat(first.payload().getByte(2)).isEqualTo((byte) 3);
        first.payload().release();
        ResponseFrame error = channel.readInbound();
        assertThat(error.status()).isEqualTo(1009);
        assertThat(error.payload().readableBytes()).isZero();
        error.payload().release();
        ResponseFrame empty = channel.readInbound();
        assertThat(empty.payload().readableBytes()).isZero();
        empty.payload().release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decodesSeveralFramesArrivingTogether() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseFrameDecoder(1024));
        channel.writeInbound(frames());
        for (int i = 0; i < 3; i++) {
            ResponseFrame frame = channel.readInbound();
            frame.payload().release();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void rejectsALengthOverTheLimitBeforeReadingIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseFrameDecoder(16));
        ByteBuf in = Unpooled.buffer().writeIntLE(0).writeIntLE(17);
        assertThatThrownBy(() -> channel.writeInbound(in))
                .isInstanceOf(DecoderException.class)
                .hasMessageContaining("reply length: 17 (expected: <= 16)");
        channel.finishAndReleaseAll();
    }
}
