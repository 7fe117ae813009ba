package io.whippet.client.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionException;
import io.whippet.client.Credentials;
import io.whippet.client.ServerErrorException;
import io.whippet.protocol.CommandCode;
import io.whippet.protocol.command.Command;
import io.whippet.protocol.command.Ping;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One client's connection: connects lazily, logs in after every (re)connect, reconnects with
 * bounded retries and backoff, pings as a heartbeat, and feeds requests to the channel in call
 * order.
 *
 * <p>Threads: any thread may call {@link #request}; the state below is guarded by {@code lock},
 * and a request enters the channel while the lock is held, so call order is wire order. Requests
 * made while (re)connecting wait in {@code waiting} and go out, in order, right after the login.
 * A request already written when the connection drops fails with {@link ConnectionException}; it
 * is not resent, because the server may have applied it.
 *
 * <pre>
 * DISCONNECTED --request/connect--> CONNECTING --connected + logged in--> CONNECTED
 *      ^                                |  retries exhausted                 | channel closed
 *      +--------------------------------+------------------------------------+
 * any state --close--> CLOSED
 * </pre>
 */
final class TcpConnection implements RequestChannel {
    private static final System.Logger LOG = System.getLogger(TcpConnection.class.getName());
    /** The largest reply accepted; a poll of many big messages can be large, but not unbounded. */
    static final long MAX_REPLY_BYTES = 1L << 30;

    private enum State {
        DISCONNECTED,
        CONNECTING,
        CONNECTED,
        CLOSED
    }

    private final ClientConfig config;
    private final Bootstrap bootstrap;
    /**
     * Pooled buffers with 16 MiB chunks, shared by all connections: a 1 MB batch is then a small
     * share of a chunk that stays allocated. With the default 4 MiB chunks, a chunk whose only
     * buffer was released is freed, so every batch paid for a fresh zero-filled direct buffer.
     * (maxOrder 11: 8 KiB pages << 11; the cache sizes are Netty's defaults.)
     */
    private static final ByteBufAllocator BUFFERS = new PooledByteBufAllocator(
            true, 0, PooledByteBufAllocator.defaultNumDirectArena(), 8192, 11, 256, 64, true);

    /**
     * Socket reads grow up to 1 MiB (Netty's default stops at 64 KiB): a large poll reply takes a
     * few reads instead of sixteen per MB, and when one read holds a whole reply, that read buffer
     * is the reply {@link LendingPollDecoder} lends out, with no copy into a cumulation buffer.
     * After small replies the read size shrinks back. (Measured: +15 % pinned-consumer MB/s.)
     */
    private static final int MAX_READ_BYTES = 1 << 20;

    private final ByteBufAllocator allocator = BUFFERS;
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    // Guarded by lock.
    private State state = State.DISCONNECTED;
    private @Nullable Channel channel;
    private final ArrayDeque<OutboundRequest<?>> waiting = new ArrayDeque<>();
    private Credentials credentials;
    private boolean everConnected;
    private CompletableFuture<Void> connected = new CompletableFuture<>();

    TcpConnection(ClientConfig config, IoThreads io, @Nullable SslContext ssl) {
        this.config = config;
        this.credentials = config.credentials();
        this.bootstrap = new Bootstrap()
                .group(io.group())
                .channel(io.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.ALLOCATOR, allocator)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (ssl != null) {
                            String domain = config.tls().domain().isEmpty()
                                    ? config.host()
                                    : config.tls().domain();
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), domain, config.port()));
                        }
                        ch.pipeline()
                                .addLast(new ResponseFrameDecoder(MAX_REPLY_BYTES))
                                .addLast(new ClientChannelHandler());
                    }
                });
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> request(
            CommandCode code, Function<ByteBufAllocator, ByteBuf> encoder, ReplyDecoder<T> decoder) {
        CompletableFuture<T> future = new CompletableFuture<>();
        ByteBuf frame;
        try {
            frame = encoder.apply(allocator);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        OutboundRequest<T> request = new OutboundRequest<>(code, frame, decoder, future);
        synchronized (lock) {
            switch (state) {
                case CLOSED -> {
                    frame.release();
                    future.completeExceptionally(new ConnectionException("client closed"));
                }
                case CONNECTED -> write(requireChannel(), request, true);
                case CONNECTING -> waiting.add(request);
                case DISCONNECTED -> {
                    waiting.add(request);
                    startConnecting();
                }
            }
        }
        if (config.requestTimeoutMs() > 0) {
            future.orTimeout(config.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        }
        return future;
    }

    @Override
    public CompletableFuture<Void> connect() {
        synchronized (lock) {
            switch (state) {
                case CLOSED -> {
                    return CompletableFuture.failedFuture(new ConnectionException("client closed"));
                }
                case DISCONNECTED -> startConnecting();
                case CONNECTING, CONNECTED -> {}
            }
            return connected;
        }
    }

    @Override
    public void rememberCredentials(Credentials credentials) {
        synchronized (lock) {
            this.credentials = credentials;
        }
    }

    @Override
    public void onReconnected(Runnable listener) {
        reconnectListeners.add(listener);
    }

    @Override
    public void close() {
        Channel toClose;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            toClose = channel;
            channel = null;
            failWaiting(new ConnectionException("client closed"));
            connected.completeExceptionally(new ConnectionException("client closed"));
        }
        if (toClose != null) {
            var closing = toClose.close();
            if (!toClose.eventLoop().inEventLoop()) {
                closing.awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Writes a request and makes sure its future fails if the write does: a channel closed between
     * the state check and the write may already have lost its handlers, and then nothing else would
     * complete the future. (The frame is freed either way: whoever drops the request releases it.)
     */
    private static void write(Channel channel, OutboundRequest<?> request, boolean flush) {
        var written = flush ? channel.writeAndFlush(request) : channel.write(request);
        written.addListener(done -> {
            if (!done.isSuccess()) {
                request.future()
                        .completeExceptionally(new ConnectionException(
                                "connection closed while sending " + request.command(), done.cause()));
            }
        });
    }

    private Channel requireChannel() {
        Channel current = channel;
        if (current == null) {
            throw new IllegalStateException("connected without a channel");
        }
        return current;
    }

    // Called with lock held.
    private void startConnecting() {
        state = State.CONNECTING;
        if (connected.isDone()) {
            connected = new CompletableFuture<>();
        }
        attempt(0);
    }

    private void attempt(int attempt) {
        bootstrap.connect(config.host(), config.port()).addListener(done -> {
            if (done.isSuccess()) {
                Channel opened = ((io.netty.channel.ChannelFuture) done).channel();
                SslHandler tls = opened.pipeline().get(SslHandler.class);
                if (tls == null) {
                    logIn(opened, attempt);
                    return;
                }
                tls.handshakeFuture().addListener(handshake -> {
                    if (handshake.isSuccess()) {
                        logIn(opened, attempt);
                    } else {
                        // A certificate the client does not trust will not become trusted on retry.
                        opened.close();
                        giveUp(new ConnectionException(
                                "tls handshake with " + config.host() + ":" + config.port() + " failed",
                                handshake.cause()));
                    }
                });
            } else {
                retryOrFail(attempt, done.cause());
            }
        });
    }

    private void logIn(Channel opened, int attempt) {
        Credentials current;
        synchronized (lock) {
            current = credentials;
        }
        Command login = FramedClient.loginCommand(current);
        if (login == null) {
            markConnected(opened);
            return;
        }
        CompletableFuture<Boolean> loggedIn = new CompletableFuture<>();
        ByteBuf frame = RequestEncoder.encode(allocator, login);
        write(opened, new OutboundRequest<>(login.code(), frame, payload -> Boolean.TRUE, loggedIn), true);
        loggedIn.whenComplete((ignored, failure) -> {
            if (failure == null) {
                markConnected(opened);
            } else if (failure instanceof ServerErrorException refused) {
                // Wrong credentials do not get better with retries.
                opened.close();
                giveUp(refused);
            } else {
                opened.close();
                retryOrFail(attempt, failure);
            }
        });
    }

    private void markConnected(Channel opened) {
        boolean reconnect;
        synchronized (lock) {
            if (state == State.CLOSED) {
                opened.close();
                return;
            }
            channel = opened;
            state = State.CONNECTED;
            for (OutboundRequest<?> request; (request = waiting.poll()) != null; ) {
                write(opened, request, false);
            }
            opened.flush();
            reconnect = everConnected;
            everConnected = true;
            connected.complete(null);
        }
        ScheduledFuture<?> heartbeat = startHeartbeat(opened);
        opened.closeFuture().addListener(closed -> {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            synchronized (lock) {
                if (channel == opened) {
                    channel = null;
                    if (state == State.CONNECTED) {
                        state = State.DISCONNECTED;
                    }
                }
            }
        });
        if (reconnect) {
            for (Runnable listener : reconnectListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "reconnect listener failed", e);
                }
            }
        }
    }

    private @Nullable ScheduledFuture<?> startHeartbeat(Channel opened) {
        long intervalMs = config.heartbeatIntervalMs();
        if (intervalMs <= 0) {
            return null;
        }
        return opened.eventLoop()
                .scheduleAtFixedRate(
                        () -> {
                            if (opened.isActive()) {
                                ByteBuf ping = RequestEncoder.encode(allocator, new Ping());
                                write(
                                        opened,
                                        new OutboundRequest<>(
                                                CommandCode.PING,
                                                ping,
                                                payload -> Boolean.TRUE,
                                                new CompletableFuture<Boolean>()),
                                        true);
                            }
                        },
                        intervalMs,
                        intervalMs,
                        TimeUnit.MILLISECONDS);
    }

    private void retryOrFail(int attempt, Throwable cause) {
        int maxRetries = config.reconnect().maxRetries();
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
        }
        if (attempt < maxRetries) {
            long delayMs = config.reconnect().delayMs(attempt + 1);
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "connect to {0}:{1} failed ({2}); retry {3} of {4} in {5} ms",
                    config.host(),
                    config.port(),
                    cause.getMessage(),
                    attempt + 1,
                    maxRetries,
                    delayMs);
            bootstrap.config().group().schedule(() -> attempt(attempt + 1), delayMs, TimeUnit.MILLISECONDS);
            return;
        }
        giveUp(new ConnectionException(
                "cannot connect to " + config.host() + ":" + config.port() + " after " + (attempt + 1) + " attempts",
                unwrap(cause)));
    }

    private void giveUp(RuntimeException failure) {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.DISCONNECTED;
            failWaiting(failure);
            connected.completeExceptionally(failure);
        }
    }

    // Called with lock held.
    private void failWaiting(RuntimeException failure) {
        for (OutboundRequest<?> request; (request = waiting.poll()) != null; ) {
            request.frame().release();
            request.future().completeExceptionally(failure);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
