package io.whippet.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.command.Reply;
import io.whippet.server.command.Session;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a connection's requests one at a time, in order, on virtual threads, and writes each reply
 * as {@code [status u32][length u32][payload]}. All fields are confined to the channel's event
 * loop; only {@link CommandProcessor#process} runs elsewhere.
 *
 * <p>Backpressure: while more than {@link #MAX_QUEUED} decoded requests wait (a pipelining
 * client), the channel stops reading until the queue drains.
 *
 * <p>Polled messages go from the segment files to the socket as file regions (sendfile) on a
 * plaintext connection. Under TLS the bytes must pass through the cipher, so the request's virtual
 * thread copies them into one pooled direct buffer instead (not the event loop: the read may touch
 * the disk), and the segments are released as soon as the copy is done.
 */
final class TcpConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(TcpConnectionHandler.class.getName());
    private static final int MAX_QUEUED = 8;

    private final Session session;
    private final CommandProcessor processor;
    private final Executor requestExecutor;
    private final boolean zeroCopy;
    private final ArrayDeque<InboundFrame> queued = new ArrayDeque<>();
    private boolean busy;
    private boolean closing;

    /** {@code zeroCopy}: send polled messages as file regions; false when the channel is TLS. */
    TcpConnectionHandler(Session session, CommandProcessor processor, Executor requestExecutor, boolean zeroCopy) {
        this.session = session;
        this.processor = processor;
        this.requestExecutor = requestExecutor;
        this.zeroCopy = zeroCopy;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        processor.connected(session);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof InboundFrame frame) || closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        queued.add(frame);
        if (queued.size() > MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        runNext(ctx);
    }

    private void runNext(ChannelHandlerContext ctx) {
        if (busy || closing) {
            return;
        }
        InboundFrame frame = queued.poll();
        if (frame == null) {
            if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            return;
        }
        switch (frame) {
            case InboundFrame.Malformed malformed -> {
                closing = true;
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0}: closing after malformed frame: {1}",
                        session,
                        malformed.message());
                ctx.writeAndFlush(header(ctx, malformed.code().code(), 0)).addListener(ChannelFutureListener.CLOSE);
            }
            case InboundFrame.Request request -> {
                busy = true;
                try {
                    requestExecutor.execute(() -> execute(ctx, request));
                } catch (RejectedExecutionException e) {
                    // Shutting down: answer Disconnected rather than leaving the client waiting.
                    request.payload().release();
                    busy = false;
                    ctx.writeAndFlush(header(ctx, ErrorCode.DISCONNECTED.code(), 0))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            }
        }
    }

    /** On a virtual thread. */
    private void execute(ChannelHandlerContext ctx, InboundFrame.Request request) {
        Reply reply;
        try {
            reply = processor.process(
                    session, request.code(), request.payload().nioBuffer().order(ByteOrder.LITTLE_ENDIAN));
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, session + ": command " + request.code() + " failed unexpectedly", e);
            reply = Reply.error(ErrorCode.ERROR, "internal error");
        } finally {
            request.payload().release();
        }
        ByteBuf copy = null;
        if (!zeroCopy && reply instanceof Reply.Polled polled) {
            try {
                copy = copy(ctx, polled);
            } catch (WhippetException e) {
                reply = Reply.error(e.errorCode(), String.valueOf(e.getMessage()));
            }
        }
        Reply done = reply;
        ByteBuf frame = copy;
        ctx.executor().execute(() -> {
            if (frame != null) {
                ctx.writeAndFlush(frame);
            } else {
                write(ctx, done);
            }
            busy = false;
            runNext(ctx);
        });
    }

    /**
     * On a virtual thread: the whole reply, status to last message, in one direct buffer. Closes
     * the poll's result, so its segments are released before the bytes are even sent.
     */
    private static ByteBuf copy(ChannelHandlerContext ctx, Reply.Polled polled) {
        var messages = polled.messages();
        try (messages) {
            long payloadBytes = polled.header().remaining() + messages.sizeBytes();
            if (payloadBytes > Integer.MAX_VALUE - 8) {
                throw new WhippetException(
                        ErrorCode.CANNOT_READ_MESSAGE, "poll of " + payloadBytes + " bytes is too large to copy");
            }
            ByteBuf frame = ctx.alloc().directBuffer(8 + (int) payloadBytes);
            try {
                frame.writeIntLE(0).writeIntLE((int) payloadBytes).writeBytes(polled.header());
                int size = (int) messages.sizeBytes();
                messages.copyTo(frame.internalNioBuffer(frame.writerIndex(), size));
                frame.writerIndex(frame.writerIndex() + size);
                return frame;
            } catch (RuntimeException e) {
                frame.release();
                throw e;
            }
        }
    }

    private void write(ChannelHandlerContext ctx, Reply reply) {
        switch (reply) {
            case Reply.Ok ok -> {
                int length = ok.payload().remaining();
                ByteBuf out = header(ctx, 0, length);
                ctx.writeAndFlush(
                        length == 0 ? out : Unpooled.wrappedBuffer(out, Unpooled.wrappedBuffer(ok.payload())));
            }
            case Reply.Polled polled -> {
                var messages = polled.messages();
                int length = polled.header().remaining() + (int) messages.sizeBytes();
                ctx.write(Unpooled.wrappedBuffer(header(ctx, 0, length), Unpooled.wrappedBuffer(polled.header())));
                for (var slice : messages.slices()) {
                    ctx.write(new SegmentRegion(slice));
                }
                // Sent or failed, the segments the poll pinned are released only now.
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(future -> messages.close());
            }
            case Reply.Failed failed -> {
                ctx.writeAndFlush(header(ctx, failed.code().code(), 0));
                if (failed.code() == ErrorCode.CLIENT_NOT_FOUND || failed.code() == ErrorCode.STALE_CLIENT) {
                    closing = true;
                    ctx.close();
                }
            }
        }
    }

    private static ByteBuf header(ChannelHandlerContext ctx, int status, int length) {
        return ctx.alloc().ioBuffer(8).writeIntLE(status).writeIntLE(length);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        for (InboundFrame frame : queued) {
            if (frame instanceof InboundFrame.Request request) {
                request.payload().release();
            }
        }
        queued.clear();
        processor.disconnected(session);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, session + ": connection error, closing", cause);
        ctx.close();
    }
}
