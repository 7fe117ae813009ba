package io.whippet.client.tcp;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.whippet.client.ConnectionException;
import io.whippet.client.ServerErrorException;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Matches replies to requests on one channel. Every {@link OutboundRequest} written is queued as
 * pending at the moment its bytes enter the pipeline, and each {@link ResponseFrame} completes the
 * oldest pending request: the server answers strictly in order, so FIFO is the whole protocol.
 *
 * <p>Runs on the channel's event loop only; the pending queue needs no lock. When the channel
 * closes, every pending request fails with {@link ConnectionException}.
 */
final class ClientChannelHandler extends ChannelDuplexHandler {
    private final ArrayDeque<OutboundRequest<?>> pending = new ArrayDeque<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof OutboundRequest<?> request)) {
            ctx.write(msg, promise);
            return;
        }
        if (!ctx.channel().isActive()) {
            request.frame().release();
            request.future()
                    .completeExceptionally(new ConnectionException("connection closed before " + request.command()));
            promise.setFailure(new ConnectionException("connection closed"));
            return;
        }
        pending.add(request);
        ctx.write(request.frame(), promise).addListener(written -> {
            if (!written.isSuccess()) {
                // The reply order is lost once a frame did not go out whole: start afresh.
                ctx.close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ResponseFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        OutboundRequest<?> request = pending.poll();
        if (request == null) {
            ReferenceCountUtil.release(frame.payload());
            ctx.close();
            return;
        }
        complete(request, frame);
    }

    /** Hands the payload to the request's decoder, which owns it from here (it may lend it on). */
    private static <T extends @Nullable Object> void complete(OutboundRequest<T> request, ResponseFrame frame) {
        if (frame.status() != 0) {
            ReferenceCountUtil.release(frame.payload());
            request.future()
                    .completeExceptionally(new ServerErrorException(
                            frame.status(), request.command().name()));
            return;
        }
        ReplyDecoder.deliver(request.decoder(), frame.payload(), request.future());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failPending("connection closed", null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failPending("connection failed", cause);
        ctx.close();
    }

    private void failPending(String reason, @Nullable Throwable cause) {
        OutboundRequest<?> request;
        while ((request = pending.poll()) != null) {
            String message = reason + " while " + request.command() + " was in flight";
            request.future()
                    .completeExceptionally(
                            cause == null ? new ConnectionException(message) : new ConnectionException(message, cause));
        }
    }
}
