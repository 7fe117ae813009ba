package io.whippet.server.quic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.command.Reply;
import io.whippet.server.command.Session;
import io.whippet.server.tcp.FrameLimits;
import java.nio.ByteOrder;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Lock;
import org.jspecify.annotations.Nullable;

/**
 * One bidirectional stream = one request. Reads the request frame, runs it on a virtual thread
 * (or, a send without fsync, on the event loop as TCP does: {@link QuicConnection#budget}),
 * writes the response frame and finishes the stream (FIN).
 *
 * <pre>
 * client -> server   [length u32 = 4 + N][code u32][payload: N bytes] FIN
 * server -> client   [status u32][length u32][payload: length bytes]  FIN
 * </pre>
 *
 * <p>The length is checked against {@link FrameLimits} and the connection's {@link RequestBudget}
 * as soon as the 8-byte header is in, before the payload is buffered; the payload is then gathered
 * into one buffer of exactly its size. A frame that is too large (or over the budget), too short,
 * or cut off by FIN is answered with InvalidCommand (3) and
 * the stream ends; the connection and its other streams go on, since the stream boundary keeps
 * the next request apart. Fields are confined to the stream's event loop.
 */
final class QuicStreamHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(QuicStreamHandler.class.getName());
    static final int HEADER_BYTES = 8;

    private final QuicConnection connection;
    private final FrameLimits limits;
    private final CommandProcessor processor;
    private final Executor requestExecutor;

    private final ByteBuf header = Unpooled.buffer(HEADER_BYTES, HEADER_BYTES);
    private @Nullable ByteBuf payload;
    /** What this stream's request holds of the connection's {@link RequestBudget}, until it has run. */
    private long reservedBytes;

    private int code;
    private boolean done;

    QuicStreamHandler(
            QuicConnection connection, FrameLimits limits, CommandProcessor processor, Executor requestExecutor) {
        this.connection = connection;
        this.limits = limits;
        this.processor = processor;
        this.requestExecutor = requestExecutor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || done) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (header.isWritable()) {
                in.readBytes(header, Math.min(header.writableBytes(), in.readableBytes()));
                if (header.isWritable() || !startPayload(ctx)) {
                    return;
                }
            }
            ByteBuf target = payload;
            if (target == null) {
                return;
            }
            int take = Math.min(target.writableBytes(), in.readableBytes());
            target.writeBytes(in, take);
            if (in.isReadable()) {
                reject(ctx, "bytes after the request frame");
                return;
            }
            if (!target.isWritable()) {
                dispatch(ctx, target);
            }
        } finally {
            in.release();
        }
    }

    /** The header is complete: check the length, then make room for the payload. */
    private boolean startPayload(ChannelHandlerContext ctx) {
        long length = header.getUnsignedIntLE(0);
        code = header.getIntLE(4);
        if (length < 4) {
            reject(ctx, "frame length: " + length + " (expected: >= 4)");
            return false;
        }
        long payloadBytes = length - 4;
        int limit = limits.maxPayloadBytes(connection.session().authenticated(), code);
        if (payloadBytes > limit) {
            reject(ctx, "frame payload length: " + payloadBytes + " (expected: <= " + limit + ")");
            return false;
        }
        String overBudget = connection
                .requestBytes()
                .tryReserve(payloadBytes, connection.session().authenticated());
        if (overBudget != null) {
            reject(ctx, overBudget);
            return false;
        }
        reservedBytes = payloadBytes;
        ByteBuf target = ctx.alloc().directBuffer((int) payloadBytes, (int) payloadBytes);
        payload = target;
        if (payloadBytes == 0) {
            dispatch(ctx, target);
            return false;
        }
        return true;
    }

    private void dispatch(ChannelHandlerContext ctx, ByteBuf request) {
        done = true;
        payload = null;
        int requestCode = code;
        long held = reservedBytes;
        reservedBytes = 0;
        // Polls copy their messages into the stream here (no file regions), so only sends qualify.
        if (requestCode != CommandCode.POLL_MESSAGES.code()
                && connection.budget().allows(request.readableBytes())
                && processor.quickOnIoThread(requestCode, request.nioBuffer().order(ByteOrder.LITTLE_ENDIAN))) {
            // A send without fsync: run it right here unless a login or logout holds the lock.
            Lock lock = connection.lockFor(requestCode);
            if (lock.tryLock()) {
                long startNanos = System.nanoTime();
                execute(ctx, requestCode, request, held, lock);
                connection.budget().ran(startNanos);
                return;
            }
        }
        try {
            requestExecutor.execute(() -> {
                Lock lock = connection.lockFor(requestCode);
                lock.lock();
                execute(ctx, requestCode, request, held, lock);
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: answer Disconnected rather than leaving the client waiting.
            request.release();
            connection.requestBytes().release(held);
            finish(ctx, status(ctx, ErrorCode.DISCONNECTED.code(), 0));
        }
    }

    /**
     * On a virtual thread, or the event loop for a quick request; {@code lock} is held and released
     * here, and so are the request and the {@code reservedBytes} it held of the budget.
     */
    private void execute(ChannelHandlerContext ctx, int code, ByteBuf request, long reservedBytes, Lock lock) {
        Session session = connection.session();
        ByteBuf response;
        try {
            Reply reply = processor.process(session, code, request.nioBuffer().order(ByteOrder.LITTLE_ENDIAN));
            response = encode(ctx, reply);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, session + ": command " + code + " failed unexpectedly", e);
            response = status(ctx, ErrorCode.ERROR.code(), 0);
        } finally {
            lock.unlock();
            request.release();
            connection.requestBytes().release(reservedBytes);
        }
        int status = response.getIntLE(0);
        finish(ctx, response);
        if (status == ErrorCode.CLIENT_NOT_FOUND.code() || status == ErrorCode.STALE_CLIENT.code()) {
            connection.channel().close();
        }
    }

    /** The whole response in one buffer: polled messages are copied out of their segments here. */
    private static ByteBuf encode(ChannelHandlerContext ctx, Reply reply) {
        return switch (reply) {
            case Reply.Ok ok -> {
                int length = ok.payload().remaining();
                ByteBuf out = status(ctx, 0, length);
                yield length == 0 ? out : Unpooled.wrappedBuffer(out, Unpooled.wrappedBuffer(ok.payload()));
            }
            case Reply.Polled polled -> {
                try (var messages = polled.messages()) {
                    int length = polled.header().remaining() + (int) messages.sizeBytes();
                    ByteBuf out = ctx.alloc().directBuffer(HEADER_BYTES + length, HEADER_BYTES + length);
                    out.writeIntLE(0).writeIntLE(length).writeBytes(polled.header());
                    int start = out.writerIndex();
                    messages.copyTo(out.nioBuffer(start, (int) messages.sizeBytes()));
                    yield out.writerIndex(start + (int) messages.sizeBytes());
                }
            }
            case Reply.Failed failed -> status(ctx, failed.code().code(), 0);
        };
    }

    private static ByteBuf status(ChannelHandlerContext ctx, int status, int length) {
        return ctx.alloc().ioBuffer(HEADER_BYTES).writeIntLE(status).writeIntLE(length);
    }

    /** Writes the response and FIN; safe from any thread. */
    private static void finish(ChannelHandlerContext ctx, ByteBuf response) {
        ctx.writeAndFlush(response).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
    }

    private void reject(ChannelHandlerContext ctx, String why) {
        done = true;
        releasePayload();
        LOG.log(System.Logger.Level.DEBUG, "{0}: rejecting a stream: {1}", connection.session(), why);
        finish(ctx, status(ctx, ErrorCode.INVALID_COMMAND.code(), 0));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ChannelInputShutdownReadComplete.INSTANCE && !done) {
            reject(ctx, "stream finished before the request frame was complete");
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePayload();
        header.release();
        ctx.fireChannelInactive();
    }

    /** Drops a request that will not run: its buffer and its share of the budget. */
    private void releasePayload() {
        ByteBuf pending = payload;
        payload = null;
        if (pending != null) {
            pending.release();
        }
        connection.requestBytes().release(reservedBytes);
        reservedBytes = 0;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, connection.session() + ": stream error, closing it", cause);
        ctx.close();
    }
}
