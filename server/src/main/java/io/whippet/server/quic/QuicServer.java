package io.whippet.server.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.config.ServerConfig.QuicConfig;
import io.whippet.server.tcp.FrameLimits;
import io.whippet.server.tls.KeyMaterial;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Iggy binary protocol over QUIC: a UDP socket carrying TLS 1.3 QUIC connections, each
 * connection one client session, each bidirectional stream one request
 * ({@link QuicStreamHandler}). All connections share one event loop thread (one UDP socket);
 * commands run on the shared virtual-thread request executor.
 *
 * <p>ALPN: the TLS stack under Netty's codec (BoringSSL) refuses a QUIC handshake without an
 * agreed ALPN protocol, so the server offers {@link #ALPN_PROTOCOLS} and the Whippet client sends
 * {@code iggy}. A client that sends no ALPN at all is refused by BoringSSL; Iggy's Rust client
 * sets none, which is not verified against this server.
 */
public final class QuicServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QuicServer.class.getName());

    /** ALPN protocols accepted, in preference order. */
    public static final String[] ALPN_PROTOCOLS = {"iggy"};

    /** Defaults as in Iggy: connections idle this long are closed. */
    public static final long IDLE_TIMEOUT_MS = 10_000;

    public static final long MAX_CONCURRENT_BIDI_STREAMS = 10_000;

    /** Per-stream receive window: a whole 1 MB batch fits, so one request never waits on credit. */
    static final long STREAM_WINDOW_BYTES = 16L << 20;

    static final long CONNECTION_WINDOW_BYTES = 64L << 20;

    /**
     * The largest UDP payload sent or accepted. Each side sends at most what the other advertises,
     * so the client chooses: ours advertises this only towards a loopback address (MTU 64 KiB, where
     * a 1 MB batch then takes 16 datagrams instead of 750) and Iggy's 8 KB initial MTU otherwise.
     */
    static final long MAX_UDP_PAYLOAD_BYTES = 65_527;

    private final EventLoopGroup group;
    private final Channel channel;

    private QuicServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds the UDP socket and starts accepting; {@code dataDir} resolves relative PEM paths. */
    public static QuicServer start(
            QuicConfig config,
            Path dataDir,
            FrameLimits limits,
            CommandProcessor processor,
            ExecutorService requestExecutor,
            InstantSource clock)
            throws InterruptedException {
        KeyMaterial keys = KeyMaterial.load(config.tls(), dataDir);
        QuicSslContext ssl = QuicSslContextBuilder.forServer(
                        keys.privateKey(), null, keys.chain().toArray(X509Certificate[]::new))
                .applicationProtocols(ALPN_PROTOCOLS)
                .build();
        boolean epoll = Epoll.isAvailable();
        ChannelHandler codec = new QuicServerCodecBuilder()
                .sslContext(ssl)
                .maxIdleTimeout(IDLE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .initialMaxData(CONNECTION_WINDOW_BYTES)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW_BYTES)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW_BYTES)
                .initialMaxStreamsBidirectional(MAX_CONCURRENT_BIDI_STREAMS)
                .initialMaxStreamsUnidirectional(0)
                .maxRecvUdpPayloadSize(MAX_UDP_PAYLOAD_BYTES)
                .maxSendUdpPayloadSize(MAX_UDP_PAYLOAD_BYTES)
                .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
                // The client sends FIN right after its frame; the response still has to go out.
                .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel ch) {
                        ch.pipeline().addLast(new QuicConnectionHandler(processor, clock));
                    }
                })
                .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        QuicConnection connection =
                                stream.parent().attr(QuicConnection.KEY).get();
                        if (connection == null) {
                            stream.close();
                            return;
                        }
                        stream.pipeline()
                                .addLast(new QuicStreamHandler(connection, limits, processor, requestExecutor));
                    }
                })
                .build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                1,
                new DefaultThreadFactory("quic-server", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            Channel channel = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 4 << 20)
                    .option(ChannelOption.SO_SNDBUF, 4 << 20)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536))
                    .handler(codec)
                    .bind(config.address().toSocketAddress())
                    .sync()
                    .channel();
            LOG.log(System.Logger.Level.INFO, "QUIC listening on {0}", channel.localAddress());
            return new QuicServer(group, channel);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
