package io.whippet.server.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.whippet.protocol.CommandCode;
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
 * Runs a connection's requests one at a time, in order, and writes each reply as {@code [status
 * u32][length u32][payload]}. All fields are confined to the channel's event loop; only {@link
 * CommandProcessor#process} may run elsewhere.
 *
 * <p>Where a request runs: a quick one ({@link CommandProcessor#quickOnIoThread}: a send that
 * needs no fsync, so a checksum and a write to the page cache; or, on a plaintext connection, a
 * poll without auto-commit, so an index lookup whose messages follow as file regions) of at most
 * {@value EventLoopBudget#MAX_ON_EVENT_LOOP_BYTES} bytes runs on the event loop and its reply is
 * written at once, with no thread hand-off at all; every other request runs on a virtual thread, whose reply comes back to
 * the event loop as one task. A write to the page cache can still stall (dirty-page throttling),
 * and the event loop serves other connections too: after a request that held it longer than
 * {@link EventLoopBudget#MAX_ON_EVENT_LOOP_NANOS}, the connection sends every request to virtual threads for a
 * while (0.1 s, doubling with each further slow one up to 5 s), so a slow disk costs the other
 * connections a rare stall, not one per batch.
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
    private final EventLoopBudget budget;
    private final ArrayDeque<InboundFrame> queued = new ArrayDeque<>();
    private boolean busy;
    private boolean closing;

    /** {@code zeroCopy}: send polled messages as file regions; false when the channel is TLS. */
    TcpConnectionHandler(Session session, CommandProcessor processor, Executor requestExecutor, boolean zeroCopy) {
        this(session, processor, requestExecutor, zeroCopy, EventLoopBudget.MAX_ON_EVENT_LOOP_NANOS);
    }

    /** {@code maxOnEventLoopNanos}: a request on the event loop taking longer is "slow" (tests). */
    TcpConnectionHandler(
            Session session,
            CommandProcessor processor,
            Executor requestExecutor,
            boolean zeroCopy,
            long maxOnEventLoopNanos) {
        this.session = session;
        this.processor = processor;
        this.requestExecutor = requestExecutor;
        this.zeroCopy = zeroCopy;
        this.budget = new EventLoopBudget(maxOnEventLoopNanos);
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
        while (!busy && !closing) {
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
                case InboundFrame.Request request
                when runsHere(request) -> {
                    long startNanos = System.nanoTime();
                    write(ctx, run(request));
                    budget.ran(startNanos);
                }
                case InboundFrame.Request request -> {
                    busy = true;
                    try {
                        requestExecutor.execute(() -> execute(ctx, request));
                    } catch (RejectedExecutionException e) {
                        // Shutting down: answer Disconnected rather than leaving the client waiting.
                        request.payload().release();
                        busy = false;
                        closing = true;
                        ctx.writeAndFlush(header(ctx, ErrorCode.DISCONNECTED.code(), 0))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                }
            }
        }
    }

    /**
     * Whether {@code request} runs right here on the event loop: a quick command, not too large,
     * and no request of this connection was slow there lately.
     */
    private boolean runsHere(InboundFrame.Request request) {
        return (zeroCopy || request.code() != CommandCode.POLL_MESSAGES.code())
                && budget.allows(request.payload().readableBytes())
                && processor.quickOnIoThread(
                        request.code(), request.payload().nioBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** On the event loop or a virtual thread: the command, whose payload is released here. */
    private Reply run(InboundFrame.Request request) {
        try {
            return processor.process(
                    session, request.code(), request.payload().nioBuffer().order(ByteOrder.LITTLE_ENDIAN));
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, session + ": command " + request.code() + " failed unexpectedly", e);
            return Reply.error(ErrorCode.ERROR, "internal error");
        } finally {
            request.payload().release();
        }
    }

    /** On a virtual thread. */
    private void execute(ChannelHandlerContext ctx, InboundFrame.Request request) {
        Reply reply = run(request);
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
