package io.whippet.client.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnwrapAllocatorTest {
    /** Stands in for SslHandler: "decrypts" each read by copying it into a buffer it allocates. */
    private static final class FakeDecrypt extends ChannelInboundHandlerAdapter {
        final List<Integer> writableBytes = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            while (in.isReadable()) {
                ByteBuf out = ctx.alloc().directBuffer(in.readableBytes());
                writableBytes.add(out.writableBytes());
                out.writeBytes(in, Math.min(in.readableBytes(), out.writableBytes()));
                ctx.fireChannelRead(out);
            }
            in.release();
        }
    }

    /** Allocates while a reply is pending but outside SslHandler, as a handler writing a request would. */
    private static final class Downstream extends ChannelInboundHandlerAdapter {
        final List<Integer> writableBytes = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf probe = ctx.alloc().directBuffer(100);
            writableBytes.add(probe.writableBytes());
            probe.release();
            ctx.fireChannelRead(msg);
        }
    }

    @Test
    void decryptsAPendingReplyIntoItsOwnBufferAndNothingElse() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ResponseFrameDecoder replies = new ResponseFrameDecoder(1 << 20);
        UnwrapAllocator allocator = new UnwrapAllocator(channel.alloc(), replies);
        channel.config().setAllocator(allocator);
        FakeDecrypt decrypt = new FakeDecrypt();
        Downstream downstream = new Downstream();
        channel.pipeline().addLast(allocator.scope(true), decrypt, allocator.scope(false), downstream, replies);

        int payloadBytes = 100_000;
        ByteBuf stream = Unpooled.buffer().writeIntLE(0).writeIntLE(payloadBytes);
        for (int i = 0; i < payloadBytes; i++) {
            stream.writeByte(i % 251);
        }
        stream.writeIntLE(0).writeIntLE(0); // a second, empty reply right behind
        channel.writeInbound(stream.readRetainedSlice(40_000), stream.readRetainedSlice(stream.readableBytes()));
        stream.release();

        // First decrypt: no reply pending, one record's worth. Then the rest of the reply, exactly.
        assertThat(decrypt.writableBytes.get(0)).isEqualTo(UnwrapAllocator.HEADER_READ_BYTES);
        assertThat(decrypt.writableBytes.get(1)).isEqualTo(8 + payloadBytes - UnwrapAllocator.HEADER_READ_BYTES);
        // Outside SslHandler the pool answers, never with a slice of the reply.
        assertThat(downstream.writableBytes).allMatch(bytes -> bytes >= 100 && bytes < 8 + payloadBytes);

        ResponseFrame reply = channel.readInbound();
        assertThat(reply.payload().readableBytes()).isEqualTo(payloadBytes);
        for (int i = 0; i < payloadBytes; i++) {
            assertThat(reply.payload().getByte(i)).isEqualTo((byte) (i % 251));
        }
        reply.payload().release();
        ResponseFrame empty = channel.readInbound();
        assertThat(empty.payload().readableBytes()).isZero();
        empty.payload().release();
        assertThat(channel.finish()).isFalse();
    }
}
