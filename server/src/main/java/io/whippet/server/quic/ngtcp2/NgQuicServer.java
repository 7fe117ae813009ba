package io.whippet.server.quic.ngtcp2;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.command.Reply;
import io.whippet.server.command.Session;
import io.whippet.server.config.ServerConfig.QuicConfig;
import io.whippet.server.quic.QuicEndpoint;
import io.whippet.server.quic.RequestBudget;
import io.whippet.server.quic.SessionLock;
import io.whippet.server.tcp.EventLoopBudget;
import io.whippet.server.tcp.FrameLimits;
import io.whippet.server.tls.KeyMaterial;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Iggy binary protocol over QUIC on ngtcp2 + GnuTLS ({@link NativeQuic}): the QUIC engine
 * that accepts Iggy's Rust clients, which send no ALPN (BoringSSL, under Netty's codec, refuses
 * them; see {@code QuicServer}). Same contract as the Netty engine: TLS 1.3, one bidirectional
 * stream per request in the TCP frame format, login state per connection, many streams in flight.
 *
 * <p>Threads: one platform thread, the endpoint thread, owns the native endpoint and every
 * connection's state ({@link #connections}); it alone calls into the library, except
 * {@code wq_wakeup}. Commands run on the shared virtual-thread executor, or on the endpoint
 * thread for a quick send ({@link EventLoopBudget}, as on TCP); their replies come back through
 * {@link #outgoing}, which the endpoint thread drains before each poll.
 *
 * <pre>
 * datagrams -> wq_poll -> events -> StreamRequest (per stream) -> command -> outgoing
 *     ^                                                                         |
 *     +-------------- wq_stream_send (bytes + FIN) <----------------------------+
 * </pre>
 *
 * <p>Within one connection, a login, login with token or logout runs alone; other commands
 * share the connection's lock, as in {@code QuicConnection}.
 */
public final class NgQuicServer implements QuicEndpoint {
    private static final System.Logger LOG = System.getLogger(NgQuicServer.class.getName());
    private static final int POLL_TIMEOUT_MS = 1000;
    private static final long APP_ERROR_NONE = 0;

    /** Work for the endpoint thread between polls: from other threads, or put off by itself. */
    private sealed interface Outgoing {}

    private record Response(long connectionId, long streamId, byte[] bytes, boolean thenClose) implements Outgoing {}

    private record StopReading(long connectionId, long streamId) implements Outgoing {}

    /** Closes a connection whose event could not be handled (see {@link #run}). */
    private record CloseConnection(long connectionId) implements Outgoing {}

    private final NativeQuic lib;
    private final MemorySegment endpoint;
    private final InetSocketAddress localAddress;
    private final FrameLimits limits;
    private final RequestBudget requestBudget;
    private final CommandProcessor processor;
    private final ExecutorService requestExecutor;
    private final InstantSource clock;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** Guards {@code wq_wakeup} from other threads against the endpoint being freed. */
    private final ReentrantLock nativeLock = new ReentrantLock();

    private volatile boolean stopping;
    private boolean freed;

    /** Endpoint thread only. */
    private final Map<Long, Connection> connections = new HashMap<>();

    /** One QUIC connection: its session, the lock its commands take, its streams' frames. */
    private static final class Connection {
        final long id;
        final Session session;
        final SessionLock lock = new SessionLock();
        final EventLoopBudget budget = new EventLoopBudget();
        final Map<Long, StreamRequest> streams = new HashMap<>();
        final RequestBudget.Connection requestBytes;

        Connection(long id, Session session, RequestBudget.Connection requestBytes) {
            this.id = id;
            this.session = session;
            this.requestBytes = requestBytes;
        }

        /** Its stream is closed: what the request held of the budget is free again. */
        void streamClosed(long streamId) {
            StreamRequest request = streams.remove(streamId);
            if (request != null) {
                requestBytes.release(request.reservedBytes());
            }
        }

        void closed() {
            streams.values().forEach(request -> requestBytes.release(request.reservedBytes()));
            streams.clear();
        }

        Lock lockFor(int code) {
            return lock.lockFor(code);
        }
    }

    private NgQuicServer(
            NativeQuic lib,
            MemorySegment endpoint,
            InetSocketAddress localAddress,
            FrameLimits limits,
            CommandProcessor processor,
            ExecutorService requestExecutor,
            InstantSource clock) {
        this.lib = lib;
        this.endpoint = endpoint;
        this.localAddress = localAddress;
        this.limits = limits;
        this.requestBudget = RequestBudget.of(limits);
        this.processor = processor;
        this.requestExecutor = requestExecutor;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("quic-ngtcp2").daemon(true).unstarted(this::run);
    }

    /** Binds the UDP socket and starts the endpoint thread; {@code dataDir} resolves relative PEM paths. */
    public static NgQuicServer start(
            NativeQuic lib,
            QuicConfig config,
            Path dataDir,
            FrameLimits limits,
            CommandProcessor processor,
            ExecutorService requestExecutor,
            InstantSource clock)
            throws IOException {
        KeyMaterial keys = KeyMaterial.load(config.tls(), dataDir);
        InetSocketAddress bind = config.address().toSocketAddress();
        InetAddress host = bind.getAddress();
        String ip = host == null ? "0.0.0.0" : host.getHostAddress();
        MemorySegment endpoint;
        try (Arena arena = Arena.ofConfined();
                GnuTlsPem pem = GnuTlsPem.write(keys)) {
            MemorySegment cfg = arena.allocate(NativeQuic.CONFIG);
            cfg.set(ValueLayout.JAVA_LONG, NativeQuic.CONFIG_IDLE, config.maxIdleTimeoutMicros());
            cfg.set(ValueLayout.JAVA_LONG, NativeQuic.CONFIG_STREAM_WINDOW, config.receiveWindowBytes());
            cfg.set(ValueLayout.JAVA_LONG, NativeQuic.CONFIG_CONN_WINDOW, config.receiveWindowBytes());
            cfg.set(ValueLayout.JAVA_LONG, NativeQuic.CONFIG_BIDI_STREAMS, config.maxConcurrentBidiStreams());
            cfg.set(ValueLayout.JAVA_LONG, NativeQuic.CONFIG_UDP_PAYLOAD, config.initialMtuBytes());
            cfg.set(ValueLayout.JAVA_LONG, NativeQuic.CONFIG_KEEP_ALIVE, config.keepAliveIntervalMicros());
            boolean buffers = config.socket().overrideDefaults();
            cfg.set(
                    ValueLayout.JAVA_INT,
                    NativeQuic.CONFIG_SEND_BUFFER,
                    buffers ? config.socket().sendBufferBytes() : 0);
            cfg.set(
                    ValueLayout.JAVA_INT,
                    NativeQuic.CONFIG_RECV_BUFFER,
                    buffers ? config.socket().recvBufferBytes() : 0);
            MemorySegment error = arena.allocate(512);
            endpoint = (MemorySegment) lib.serverNew.invokeExact(
                    arena.allocateFrom(ip),
                    bind.getPort(),
                    arena.allocateFrom(pem.certFile().toString()),
                    arena.allocateFrom(pem.keyFile().toString()),
                    cfg,
                    error,
                    error.byteSize());
            if (endpoint.equals(MemorySegment.NULL)) {
                throw new IOException("QUIC (ngtcp2): " + error.getString(0));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        int port;
        try {
            port = (int) lib.localPort.invokeExact(endpoint);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        NgQuicServer server = new NgQuicServer(
                lib, endpoint, new InetSocketAddress(host, port), limits, processor, requestExecutor, clock);
        server.thread.start();
        LOG.log(
                System.Logger.Level.INFO,
                "QUIC listening on {0} (ngtcp2 + GnuTLS, ALPN optional)",
                server.localAddress);
        return server;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    // ---- the endpoint thread ----------------------------------------------------------------

    private void run() {
        try {
            while (!stopping) {
                wakePending.set(false);
                drainOutgoing();
                int events = (int) lib.poll.invokeExact(endpoint, outgoing.isEmpty() ? POLL_TIMEOUT_MS : 0);
                if (events > 0) {
                    MemorySegment base = ((MemorySegment) lib.events.invokeExact(endpoint))
                            .reinterpret(events * NativeQuic.EVENT_BYTES);
                    for (int i = 0; i < events; i++) {
                        long at = i * NativeQuic.EVENT_BYTES;
                        try {
                            handle(base, at);
                        } catch (RuntimeException | OutOfMemoryError e) {
                            // A failure in one connection's event (a bug, or memory running out)
                            // costs that connection, not the endpoint every client shares.
                            failed(base.get(ValueLayout.JAVA_LONG, at + NativeQuic.EVENT_CONN), e);
                        }
                    }
                }
            }
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "QUIC endpoint failed; QUIC is down", e);
        } finally {
            for (Connection connection : connections.values()) {
                processor.disconnected(connection.session);
                closeNative(connection.id);
            }
            connections.clear();
            nativeLock.lock();
            try {
                freed = true;
                lib.serverFree.invokeExact(endpoint);
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "QUIC endpoint: free failed", e);
            } finally {
                nativeLock.unlock();
                stopped.countDown();
            }
        }
    }

    /** Forgets a connection whose event failed and closes it natively after this walk of the events. */
    private void failed(long connectionId, Throwable e) {
        LOG.log(System.Logger.Level.ERROR, "QUIC: an event of connection " + connectionId + " failed; closing it", e);
        Connection connection = connections.remove(connectionId);
        if (connection != null) {
            connection.closed();
            try {
                processor.disconnected(connection.session);
            } catch (RuntimeException again) {
                LOG.log(System.Logger.Level.ERROR, connection.session + ": cannot remove the client", again);
            }
        }
        outgoing.add(new CloseConnection(connectionId));
    }

    private void handle(MemorySegment events, long at) throws Throwable {
        int type = events.get(ValueLayout.JAVA_INT, at + NativeQuic.EVENT_TYPE);
        long connectionId = events.get(ValueLayout.JAVA_LONG, at + NativeQuic.EVENT_CONN);
        long streamId = events.get(ValueLayout.JAVA_LONG, at + NativeQuic.EVENT_STREAM);
        long length = events.get(ValueLayout.JAVA_LONG, at + NativeQuic.EVENT_LEN);
        MemorySegment data = length == 0
                ? MemorySegment.NULL
                : events.get(ValueLayout.ADDRESS, at + NativeQuic.EVENT_DATA).reinterpret(length);
        switch (type) {
            case NativeQuic.EV_CONNECTED -> {
                String peer = new String(data.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
                Session session = new Session(Session.Transport.QUIC, peer, clock.millis() * 1000);
                connections.put(connectionId, new Connection(connectionId, session, requestBudget.connection()));
                processor.connected(session);
                LOG.log(System.Logger.Level.DEBUG, "{0}: connected", session);
            }
            case NativeQuic.EV_DATA -> {
                boolean fin = (events.get(ValueLayout.JAVA_INT, at + NativeQuic.EVENT_FLAGS) & 1) != 0;
                onStreamData(connectionId, streamId, data, fin);
            }
            case NativeQuic.EV_STREAM_CLOSED -> {
                Connection connection = connections.get(connectionId);
                if (connection != null) {
                    connection.streamClosed(streamId);
                }
            }
            case NativeQuic.EV_CLOSED -> {
                Connection connection = connections.remove(connectionId);
                if (connection != null) {
                    connection.closed();
                    processor.disconnected(connection.session);
                    LOG.log(System.Logger.Level.DEBUG, "{0}: disconnected", connection.session);
                }
            }
            default -> LOG.log(System.Logger.Level.WARNING, "QUIC endpoint: unknown event {0}", type);
        }
    }

    private void onStreamData(long connectionId, long streamId, MemorySegment data, boolean fin) {
        Connection connection = connections.get(connectionId);
        if (connection == null) {
            // Stream data before the handshake completed, or after we closed the connection.
            outgoing.add(new StopReading(connectionId, streamId));
            return;
        }
        StreamRequest request = connection.streams.computeIfAbsent(streamId, id -> new StreamRequest());
        switch (request.offer(
                data,
                fin,
                code -> limits.maxPayloadBytes(connection.session.authenticated(), code),
                bytes -> connection.requestBytes.tryReserve(bytes, connection.session.authenticated()))) {
            case StreamRequest.Pending pending -> {}
            case StreamRequest.Rejected rejected -> {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0}: rejecting a stream: {1}",
                        connection.session,
                        rejected.reason());
                outgoing.add(new Response(connectionId, streamId, status(ErrorCode.INVALID_COMMAND.code(), 0), false));
                outgoing.add(new StopReading(connectionId, streamId));
            }
            case StreamRequest.Complete complete -> dispatch(connection, streamId, complete.code(), complete.payload());
        }
    }

    private void dispatch(Connection connection, long streamId, int code, ByteBuffer payload) {
        // Polls are copied into the stream, so only sends run here, as on the other transports.
        if (code != CommandCode.POLL_MESSAGES.code()
                && connection.budget.allows(payload.remaining())
                && processor.quickOnIoThread(code, payload.duplicate().order(ByteOrder.LITTLE_ENDIAN))) {
            Lock lock = connection.lockFor(code);
            if (lock.tryLock()) {
                long startNanos = System.nanoTime();
                execute(connection, streamId, code, payload, lock);
                connection.budget.ran(startNanos);
                return;
            }
        }
        try {
            requestExecutor.execute(() -> {
                Lock lock = connection.lockFor(code);
                lock.lock();
                execute(connection, streamId, code, payload, lock);
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: answer Disconnected rather than leave the client waiting.
            respond(new Response(connection.id, streamId, status(ErrorCode.DISCONNECTED.code(), 0), false));
        }
    }

    /** On a virtual thread, or the endpoint thread for a quick send; {@code lock} is held and released here. */
    private void execute(Connection connection, long streamId, int code, ByteBuffer payload, Lock lock) {
        byte[] response;
        try {
            response = encode(processor.process(connection.session, code, payload));
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, connection.session + ": command " + code + " failed unexpectedly", e);
            response = status(ErrorCode.ERROR.code(), 0);
        } finally {
            lock.unlock();
        }
        int status = ByteBuffer.wrap(response).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean close = status == ErrorCode.CLIENT_NOT_FOUND.code() || status == ErrorCode.STALE_CLIENT.code();
        respond(new Response(connection.id, streamId, response, close));
    }

    private void respond(Outgoing work) {
        outgoing.add(work);
        if (Thread.currentThread() != thread && wakePending.compareAndSet(false, true)) {
            wakeUp();
        }
    }

    /** Cuts the endpoint thread's wait short; safe from any thread, a no-op once the endpoint is freed. */
    private void wakeUp() {
        nativeLock.lock();
        try {
            if (!freed) {
                lib.wakeup.invokeExact(endpoint);
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            nativeLock.unlock();
        }
    }

    private void drainOutgoing() throws Throwable {
        for (Outgoing work; (work = outgoing.poll()) != null; ) {
            switch (work) {
                case Response response -> {
                    MemorySegment bytes = MemorySegment.ofArray(response.bytes());
                    int sent = (int) lib.streamSend.invokeExact(
                            endpoint, response.connectionId(), response.streamId(), bytes, bytes.byteSize(), 1);
                    if (sent != 0) {
                        LOG.log(System.Logger.Level.DEBUG, "QUIC: a reply found its stream gone");
                    }
                    if (response.thenClose()) {
                        Connection connection = connections.remove(response.connectionId());
                        if (connection != null) {
                            processor.disconnected(connection.session);
                        }
                        closeNative(response.connectionId());
                    }
                }
                case StopReading stop -> {
                    int unused = (int) lib.streamStop.invokeExact(endpoint, stop.connectionId(), stop.streamId(), 0L);
                }
                case CloseConnection close -> closeNative(close.connectionId());
            }
        }
    }

    private void closeNative(long connectionId) {
        try {
            int unused = (int) lib.connClose.invokeExact(endpoint, connectionId, APP_ERROR_NONE);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "QUIC endpoint: close failed", e);
        }
    }

    // ---- replies ------------------------------------------------------------------------------

    /** The whole response frame: polled messages are copied out of their segments here. */
    private static byte[] encode(Reply reply) {
        return switch (reply) {
            case Reply.Ok ok -> {
                ByteBuffer payload = ok.payload().duplicate();
                int length = payload.remaining();
                byte[] out = status(0, length);
                payload.get(out, StreamRequest.HEADER_BYTES, length);
                yield out;
            }
            case Reply.Polled polled -> {
                try (var messages = polled.messages()) {
                    ByteBuffer header = polled.header().duplicate();
                    int headerBytes = header.remaining();
                    int messageBytes = Math.toIntExact(messages.sizeBytes());
                    byte[] out = status(0, headerBytes + messageBytes);
                    header.get(out, StreamRequest.HEADER_BYTES, headerBytes);
                    messages.copyTo(ByteBuffer.wrap(out, StreamRequest.HEADER_BYTES + headerBytes, messageBytes)
                            .slice());
                    yield out;
                }
            }
            case Reply.Failed failed -> status(failed.code().code(), 0);
        };
    }

    /** A response frame with room for {@code length} payload bytes after its header. */
    private static byte[] status(int status, int length) {
        byte[] out = new byte[StreamRequest.HEADER_BYTES + length];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(status).putInt(length);
        return out;
    }

    @Override
    public void close() {
        stopping = true;
        wakeUp();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
