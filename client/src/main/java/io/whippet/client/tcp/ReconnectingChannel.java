package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
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
 * The connection state machine TCP and QUIC share: connect lazily, log in after every
 * (re)connect, retry with the configured backoff, ping as a heartbeat, queue requests made while
 * (re)connecting and fail them all when connecting gives up. A subclass opens its channel
 * ({@link #attempt}) and says how a request goes onto it ({@link #send}).
 *
 * <p>Threads: any thread may call {@link #request}; the state is guarded by {@code lock}, and
 * every hook named "called with lock held" runs under it, so call order is the order in which
 * requests reach {@link #send}.
 *
 * <pre>
 * DISCONNECTED --request/connect--> CONNECTING --connected + logged in--> CONNECTED
 *      ^                                |  retries exhausted                 | channel closed
 *      +--------------------------------+------------------------------------+
 * any state --close--> CLOSED
 * </pre>
 *
 * @param <C> the transport's channel: a TCP socket, or a QUIC connection
 */
public abstract class ReconnectingChannel<C extends Channel> implements RequestChannel {
    private static final System.Logger LOG = System.getLogger(ReconnectingChannel.class.getName());

    private enum State {
        DISCONNECTED,
        CONNECTING,
        CONNECTED,
        CLOSED
    }

    protected final ClientConfig config;
    protected final ByteBufAllocator allocator;
    protected final Object lock = new Object();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();

    // Guarded by lock.
    private State state = State.DISCONNECTED;
    private @Nullable C channel;
    /** Requests not yet handed to {@link #send}. */
    protected final ArrayDeque<OutboundRequest<?>> waiting = new ArrayDeque<>();

    private Credentials credentials;
    private boolean everConnected;
    private CompletableFuture<Void> connected = new CompletableFuture<>();

    protected ReconnectingChannel(ClientConfig config, ByteBufAllocator allocator) {
        this.config = config;
        this.allocator = allocator;
        this.credentials = config.credentials();
    }

    /** Opens a channel; then {@link #logIn}, or {@link #retryOrFail} / {@link #giveUp}. */
    protected abstract void attempt(int attempt);

    /** Puts a request on the open channel. Called with lock held. */
    protected abstract void send(C channel, OutboundRequest<?> request);

    /** Just connected: sends what waited. Called with lock held. */
    protected abstract void sendWaiting(C channel);

    /** Sends a heartbeat ping, never queued behind other requests. */
    protected abstract void sendHeartbeat(C channel, OutboundRequest<Boolean> ping);

    /** Closes the channel (and whatever it runs on). */
    protected abstract void closeChannel(C channel);

    /** The channel closed; the state is DISCONNECTED already. Called with lock held. */
    protected void channelClosed(C channel) {}

    /** Runs {@code task} after {@code delayMs}, on the transport's threads. */
    protected abstract void schedule(Runnable task, long delayMs);

    /** How errors name the transport: "" for TCP, "QUIC " for QUIC. */
    protected abstract String transportPrefix();

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> request(
            CommandCode code, boolean readOnly, Function<ByteBufAllocator, ByteBuf> encoder, ReplyDecoder<T> decoder) {
        CompletableFuture<T> future = new CompletableFuture<>();
        ByteBuf frame;
        try {
            frame = encoder.apply(allocator);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        OutboundRequest<T> request = new OutboundRequest<>(code, readOnly, frame, decoder, future);
        synchronized (lock) {
            switch (state) {
                case CLOSED -> {
                    frame.release();
                    future.completeExceptionally(new ConnectionException("client closed"));
                }
                case CONNECTED -> send(requireChannel(), request);
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
        C toClose;
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
            closeChannel(toClose);
        }
    }

    /** Called with lock held. */
    protected final boolean connected() {
        return state == State.CONNECTED;
    }

    /** Called with lock held. */
    protected final C requireChannel() {
        C current = channel;
        if (current == null) {
            throw new IllegalStateException("connected without a channel");
        }
        return current;
    }

    /** Called with lock held. */
    protected final void startConnecting() {
        state = State.CONNECTING;
        if (connected.isDone()) {
            connected = new CompletableFuture<>();
        }
        attempt(0);
    }

    /** The channel is open: logs in with the remembered credentials, then marks it connected. */
    protected final void logIn(C opened, int attempt) {
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
        synchronized (lock) {
            send(opened, new OutboundRequest<>(login.code(), false, frame, payload -> Boolean.TRUE, loggedIn));
        }
        loggedIn.whenComplete((ignored, failure) -> {
            if (failure == null) {
                markConnected(opened);
            } else if (failure instanceof ServerErrorException refused) {
                // Wrong credentials do not get better with retries.
                closeChannel(opened);
                giveUp(refused);
            } else {
                closeChannel(opened);
                retryOrFail(attempt, failure);
            }
        });
    }

    private void markConnected(C opened) {
        boolean reconnect;
        synchronized (lock) {
            if (state == State.CLOSED) {
                closeChannel(opened);
                return;
            }
            channel = opened;
            state = State.CONNECTED;
            sendWaiting(opened);
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
                        channelClosed(opened);
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

    private @Nullable ScheduledFuture<?> startHeartbeat(C opened) {
        long intervalMs = config.heartbeatIntervalMs();
        if (intervalMs <= 0) {
            return null;
        }
        return opened.eventLoop()
                .scheduleAtFixedRate(
                        () -> {
                            if (opened.isActive()) {
                                ByteBuf ping = RequestEncoder.encode(allocator, new Ping());
                                sendHeartbeat(
                                        opened,
                                        new OutboundRequest<>(
                                                CommandCode.PING,
                                                false,
                                                ping,
                                                payload -> Boolean.TRUE,
                                                new CompletableFuture<>()));
                            }
                        },
                        intervalMs,
                        intervalMs,
                        TimeUnit.MILLISECONDS);
    }

    /** Connecting failed: tries again after the configured delay, or gives up after the last retry. */
    protected final void retryOrFail(int attempt, Throwable cause) {
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
                    "{0}connect to {1}:{2} failed ({3}); retry {4} of {5} in {6} ms",
                    transportPrefix(),
                    config.host(),
                    config.port(),
                    cause.getMessage(),
                    attempt + 1,
                    maxRetries,
                    delayMs);
            schedule(() -> attempt(attempt + 1), delayMs);
            return;
        }
        giveUp(new ConnectionException(
                "cannot connect " + (transportPrefix().isEmpty() ? "" : "over " + transportPrefix()) + "to "
                        + config.host() + ":" + config.port() + " after " + (attempt + 1) + " attempts",
                unwrap(cause)));
    }

    /** Fails every waiting request and the pending {@link #connect()} with {@code failure}. */
    protected final void giveUp(RuntimeException failure) {
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
