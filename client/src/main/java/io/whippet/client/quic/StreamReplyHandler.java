package io.whippet.client.quic;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.whippet.client.ConnectionException;
import io.whippet.client.ServerErrorException;
import io.whippet.client.tcp.ReplyDecoder;
import io.whippet.protocol.CommandCode;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Reads the one response of a request stream and completes the request's future with it.
 *
 * <pre>
 * [status:u32 LE, 0 = OK][length:u32 LE][payload: length bytes] FIN
 * </pre>
 *
 * The header is gathered first; a length above {@code maxPayloadBytes} fails the request before
 * anything is allocated. The payload is gathered into one buffer of exactly its size, decoded on
 * the stream's event loop, then released; the stream is closed once its FIN is read. A stream
 * that ends (or closes) before the whole reply arrived fails the request with
 * {@link ConnectionException}. Confined to the stream's event loop.
 */
final class StreamReplyHandler<T extends @Nullable Object> extends ChannelInboundHandlerAdapter {
    private static final int HEADER_BYTES = 8;

    private final CommandCode command;
    private final ReplyDecoder<T> decoder;
    private final CompletableFuture<T> future;
    private final long maxPayloadBytes;

    private @Nullable ByteBuf header;
    private @Nullable ByteBuf payload;
    private int status;

    StreamReplyHandler(
            CommandCode command, ReplyDecoder<T> decoder, CompletableFuture<T> future, long maxPayloadBytes) {
        this.command = command;
        this.decoder = decoder;
        this.future = future;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        header = ctx.alloc().heapBuffer(HEADER_BYTES, HEADER_BYTES);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || future.isDone()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            ByteBuf head = header;
            if (head != null && head.isWritable()) {
                in.readBytes(head, Math.min(head.writableBytes(), in.readableBytes()));
                if (head.isWritable() || !startPayload(ctx, head)) {
                    return;
                }
            }
            ByteBuf body = payload;
            if (body != null) {
                body.writeBytes(in, Math.min(body.writableBytes(), in.readableBytes()));
                if (!body.isWritable()) {
                    complete(ctx, body);
                }
            }
        } finally {
            in.release();
        }
    }

    /** Returns false when the reply is already complete (or failed) with the header alone. */
    private boolean startPayload(ChannelHandlerContext ctx, ByteBuf head) {
        status = head.getIntLE(0);
        long length = head.getUnsignedIntLE(4);
        if (status != 0) {
            // Like on TCP: an error carries no payload worth reading (the server sends none).
            future.completeExceptionally(new ServerErrorException(status, command.name()));
            closeAfterFin(ctx);
            return false;
        }
        if (length > maxPayloadBytes) {
            fail(ctx, new ConnectionException("reply length: " + length + " (expected: <= " + maxPayloadBytes + ")"));
            return false;
        }
        ByteBuf body = ctx.alloc().heapBuffer((int) length, (int) length);
        payload = body;
        if (length == 0) {
            complete(ctx, body);
            return false;
        }
        return true;
    }

    /**
     * The whole reply is in: decode it now, but leave the stream open until its FIN is read. A
     * stream closed before then stays in quiche's set of readable streams once the FIN arrives
     * (nothing reads it any more), and every received packet walks that set: after a few thousand
     * polls that walk was the client's largest cost.
     */
    private void complete(ChannelHandlerContext ctx, ByteBuf body) {
        payload = null;
        ReplyDecoder.deliver(decoder, body, future);
        closeAfterFin(ctx);
    }

    /** Closes the stream now if its FIN was read, else when it is ({@link #userEventTriggered}). */
    private static void closeAfterFin(ChannelHandlerContext ctx) {
        if (((QuicStreamChannel) ctx.channel()).isInputShutdown()) {
            ctx.close();
        }
    }

    private void fail(ChannelHandlerContext ctx, RuntimeException failure) {
        future.completeExceptionally(failure);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ChannelInputShutdownReadComplete.INSTANCE) {
            if (future.isDone()) {
                ctx.close();
            } else {
                fail(ctx, new ConnectionException("stream ended before the whole reply to " + command + " arrived"));
            }
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!future.isDone()) {
            future.completeExceptionally(
                    new ConnectionException("connection closed while " + command + " was in flight"));
        }
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        ByteBuf head = header;
        header = null;
        if (head != null) {
            head.release();
        }
        ByteBuf body = payload;
        payload = null;
        if (body != null) {
            body.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!future.isDone()) {
            future.completeExceptionally(
                    new ConnectionException("stream failed while " + command + " was in flight", cause));
        }
        ctx.close();
    }
}
