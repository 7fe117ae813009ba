package io.whippet.client.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionException;
import io.whippet.client.tcp.OutboundRequest;
import io.whippet.client.tcp.ReconnectingChannel;
import io.whippet.protocol.QuicDatagrams;
import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One client's QUIC connection on the shared {@link ReconnectingChannel} state machine: a UDP
 * socket of its own, one QUIC connection on it, a new bidirectional stream for every request
 * (frame, then FIN; the reply is read to its end by a {@link StreamReplyHandler}).
 *
 * <p>Ordering: the server runs the streams of a connection concurrently, so two requests in flight
 * may be applied in either order. With {@code ordered} (the default of {@link QuicClient}) a
 * request is sent only once the previous one is answered, which keeps the {@code WhippetClient}
 * promise that requests take effect in call order; unordered, every request goes out at once.
 * Heartbeat pings always go straight onto a stream of their own.
 *
 * <p>Datagrams: on epoll the socket sends with UDP GSO (several equal packets per {@code sendmsg})
 * and receives with UDP_GRO (a batch of them per read), as the server does; quiche's packets are
 * at most 16 KB ({@link QuicDatagrams}), so these batch the ~64 packets of a 1 MB poll reply.
 */
final class QuicConnection extends ReconnectingChannel<QuicChannel> {
    /** The largest reply accepted, as on TCP. */
    static final long MAX_REPLY_BYTES = 1L << 30;

    static final long IDLE_TIMEOUT_MS = 10_000;

    /** Receive window per stream: a large poll reply streams in without waiting for credit. */
    static final long STREAM_WINDOW_BYTES = 16L << 20;

    static final long CONNECTION_WINDOW_BYTES = 64L << 20;

    /**
     * Datagram size towards a loopback server (MTU 64 KiB): a 1 MB batch in 16 datagrams, not 750.
     * Measured on loopback it doubles throughput over 8 KB datagrams.
     */
    static final long LOOPBACK_UDP_PAYLOAD_BYTES = 65_527;

    /** Towards anything else, Iggy's default initial MTU (8 KB); quiche does no path-MTU discovery here. */
    static final long NETWORK_UDP_PAYLOAD_BYTES = 8_192;

    private static final class Shared {
        static final boolean EPOLL = Epoll.isAvailable();
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("whippet-quic-client", true),
                EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    private final QuicSslContext ssl;
    private final boolean ordered;
    /** The largest datagram sent or received; 0 picks one from the server address. */
    private final long udpPayloadBytes;

    // Guarded by lock: the ordered requests on a stream and not answered yet (a few at most), each
    // with whether it only reads.
    private final Map<OutboundRequest<?>, Boolean> inFlight = new IdentityHashMap<>();

    QuicConnection(ClientConfig config, QuicSslContext ssl, boolean ordered, long udpPayloadBytes) {
        super(config, PooledByteBufAllocator.DEFAULT);
        this.ssl = ssl;
        this.ordered = ordered;
        this.udpPayloadBytes = udpPayloadBytes;
    }

    @Override
    protected void send(QuicChannel quic, OutboundRequest<?> request) {
        if (!connected()) {
            // The login, which goes before everything that waits.
            openStream(quic, request);
        } else if (ordered && (!waiting.isEmpty() || !mayOverlap(request))) {
            waiting.add(request);
        } else {
            dispatch(quic, request);
        }
    }

    @Override
    protected void sendWaiting(QuicChannel quic) {
        // A new connection: what was in flight on the old one has failed or will, and holds nothing up.
        inFlight.clear();
        dispatchWaiting(quic);
    }

    // Called with lock held.
    private void dispatchWaiting(QuicChannel quic) {
        for (OutboundRequest<?> next; (next = waiting.peek()) != null && (!ordered || mayOverlap(next)); ) {
            dispatch(quic, waiting.remove());
        }
    }

    /**
     * Whether an ordered request may go out now: when nothing is in flight, or when it and everything
     * in flight only read. Reads change nothing, so the order in which the server runs them cannot
     * show; a write waits for every earlier request, and a read for every earlier write. This keeps
     * call order while letting a consumer keep its next poll in flight (poll-ahead), which on QUIC
     * overlaps the next poll's stream set-up and storage read with the transfer of the current reply.
     * Called with lock held.
     */
    private boolean mayOverlap(OutboundRequest<?> request) {
        return inFlight.isEmpty() || (request.readOnly() && !inFlight.containsValue(false));
    }

    // Called with lock held.
    private void dispatch(QuicChannel quic, OutboundRequest<?> request) {
        if (ordered) {
            inFlight.put(request, request.readOnly());
            request.future().whenComplete((ignored, failure) -> answered(request));
        }
        openStream(quic, request);
    }

    @Override
    protected void sendHeartbeat(QuicChannel quic, OutboundRequest<Boolean> ping) {
        openStream(quic, ping);
    }

    /** A reply arrived: in ordered mode, the requests it held up may go. */
    private void answered(OutboundRequest<?> request) {
        synchronized (lock) {
            if (inFlight.remove(request) == null || !connected()) {
                return;
            }
            dispatchWaiting(requireChannel());
        }
    }

    /**
     * Opens the request's stream. Its options are set here: the bootstrap's {@code streamOption}s
     * apply only to streams the server opens, so {@code createStream} would give ours Netty's
     * default allocator, whose fallback for a 1 MB poll reply is a fresh zero-filled array each
     * time (in a QUIC consumer run the GC then took a sixth of the CPU).
     */
    private <T extends @Nullable Object> void openStream(QuicChannel quic, OutboundRequest<T> request) {
        CompletableFuture<T> future = request.future();
        ChannelHandler reader = new StreamReplyHandler<>(request.command(), request.decoder(), future, MAX_REPLY_BYTES);
        quic.newStreamBootstrap()
                .type(QuicStreamType.BIDIRECTIONAL)
                .option(ChannelOption.ALLOCATOR, allocator)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(reader)
                .create()
                .addListener(created -> {
                    if (!created.isSuccess()) {
                        request.frame().release();
                        future.completeExceptionally(new ConnectionException(
                                "cannot open a stream for " + request.command(), created.cause()));
                        return;
                    }
                    QuicStreamChannel stream = (QuicStreamChannel) created.getNow();
                    stream.writeAndFlush(request.frame()).addListener(written -> {
                        if (written.isSuccess()) {
                            stream.shutdownOutput();
                        } else {
                            future.completeExceptionally(new ConnectionException(
                                    "stream closed while sending " + request.command(), written.cause()));
                            stream.close();
                        }
                    });
                });
    }

    /** Closes the QUIC connection (an application close, code 0) and then its UDP socket. */
    @Override
    protected void closeChannel(QuicChannel quic) {
        Channel udp = quic.parent();
        var closing = quic.close(true, 0, io.netty.buffer.Unpooled.EMPTY_BUFFER);
        closing.addListener(done -> {
            if (udp != null) {
                udp.close();
            }
        });
        if (!quic.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Override
    protected void channelClosed(QuicChannel quic) {
        Channel udp = quic.parent();
        if (udp != null) {
            udp.close();
        }
        if (!waiting.isEmpty()) {
            // Requests queued behind an in-flight one (ordered mode) go out after a reconnect.
            startConnecting();
        }
    }

    @Override
    protected void schedule(Runnable task, long delayMs) {
        Shared.GROUP.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected String transportPrefix() {
        return "QUIC ";
    }

    @Override
    protected void attempt(int attempt) {
        String domain =
                config.tls().domain().isEmpty() ? "localhost" : config.tls().domain();
        InetSocketAddress server = new InetSocketAddress(config.host(), config.port());
        long datagramBytes = udpPayloadBytes > 0
                ? udpPayloadBytes
                : server.getAddress() != null && server.getAddress().isLoopbackAddress()
                        ? LOOPBACK_UDP_PAYLOAD_BYTES
                        : NETWORK_UDP_PAYLOAD_BYTES;
        ChannelHandler codec = new QuicClientCodecBuilder()
                .sslEngineProvider(quic -> ssl.newEngine(quic.alloc(), domain, config.port()))
                .maxIdleTimeout(IDLE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .initialMaxData(CONNECTION_WINDOW_BYTES)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW_BYTES)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW_BYTES)
                .initialMaxStreamsBidirectional(0)
                .initialMaxStreamsUnidirectional(0)
                .maxRecvUdpPayloadSize(datagramBytes)
                .maxSendUdpPayloadSize(datagramBytes)
                .build();
        Bootstrap udpBootstrap = new Bootstrap()
                .group(Shared.GROUP)
                .channel(Shared.EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.ALLOCATOR, allocator)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                // One read holds a whole datagram, or a whole GRO batch of them.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536));
        if (Shared.EPOLL) {
            udpBootstrap.option(EpollChannelOption.UDP_GRO, true);
        }
        SegmentedDatagramPacketAllocator segments = SegmentedDatagramPacket.isSupported()
                ? EpollQuicUtils.newSegmentedAllocator(QuicDatagrams.gsoSegments(datagramBytes))
                : SegmentedDatagramPacketAllocator.NONE;
        udpBootstrap.handler(codec).bind(0).addListener(bound -> {
            if (!bound.isSuccess()) {
                retryOrFail(attempt, bound.cause());
                return;
            }
            Channel udp = ((io.netty.channel.ChannelFuture) bound).channel();
            QuicChannel.newBootstrap(udp)
                    .option(ChannelOption.ALLOCATOR, allocator)
                    .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, segments)
                    .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                    .remoteAddress(server)
                    .connect()
                    .addListener(done -> {
                        if (done.isSuccess()) {
                            logIn((QuicChannel) done.getNow(), attempt);
                        } else {
                            udp.close();
                            retryOrFail(attempt, done.cause());
                        }
                    });
        });
    }
}
