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
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.SegmentedDatagramPacketAllocator;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.whippet.protocol.QuicDatagrams;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.config.ServerConfig.QuicConfig;
import io.whippet.server.tcp.FrameLimits;
import io.whippet.server.tcp.TcpServer;
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
 * <p>Datagrams: quiche's packets are at most 16 KB ({@link QuicDatagrams}), so a 1 MB request or
 * reply is some 64 packets. With the epoll transport the socket batches them: UDP GSO sends up to
 * {@link QuicDatagrams#gsoSegments} equal packets in one {@code sendmsg}, and UDP_GRO receives
 * what a peer sent that way as one read (Netty splits it back into packets). Both are plain UDP to
 * a peer that does neither: GSO packets leave the host as ordinary datagrams.
 *
 * <p>ALPN: Iggy sets none on either side (quinn and rustls do not need one), but the TLS stack
 * under Netty's codec, BoringSSL, refuses a QUIC ClientHello without the ALPN extension before
 * any callback of ours runs ({@code ssl_negotiate_alpn}: "ALPN is required when QUIC is used",
 * alert no_application_protocol), and refuses one whose protocols it does not list. So this
 * engine offers {@link #ALPN_PROTOCOLS}, the Whippet client sends {@code iggy}, and Iggy's Rust
 * client cannot connect. That is why {@code quic.engine = "auto"} prefers the ngtcp2 engine
 * ({@code io.whippet.server.quic.ngtcp2.NgQuicServer}) and uses this one only when the ngtcp2
 * library is not available, or when {@code quic.engine = "quiche"} asks for it.
 */
public final class QuicServer implements QuicEndpoint {
    private static final System.Logger LOG = System.getLogger(QuicServer.class.getName());

    /** ALPN protocols accepted, in preference order. */
    public static final String[] ALPN_PROTOCOLS = {"iggy"};

    /** The largest UDP payload accepted; what a peer sends is also capped by its own settings. */
    static final long MAX_RECV_UDP_PAYLOAD_BYTES = QuicConfig.MAX_MTU_BYTES;

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
        RequestBudget requestBudget = RequestBudget.of(limits);
        QuicSslContext ssl = QuicSslContextBuilder.forServer(
                        keys.privateKey(), null, keys.chain().toArray(X509Certificate[]::new))
                .applicationProtocols(ALPN_PROTOCOLS)
                .build();
        boolean epoll = Epoll.isAvailable();
        ChannelHandler codec = codecBuilder(config)
                .sslContext(ssl)
                .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
                // The client sends FIN right after its frame; the response still has to go out.
                .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, segmentedAllocator(config))
                // Pooled 16 MiB chunks, as on TCP: Netty's default allocator gave every 1 MB request
                // and poll reply a fresh zero-filled direct buffer.
                .option(ChannelOption.ALLOCATOR, TcpServer.FRAME_BUFFERS)
                .streamOption(ChannelOption.ALLOCATOR, TcpServer.FRAME_BUFFERS)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel ch) {
                        ch.pipeline().addLast(new QuicConnectionHandler(processor, clock, requestBudget));
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
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.ALLOCATOR, TcpServer.FRAME_BUFFERS)
                    // One read holds a whole datagram, or a whole GRO batch of them.
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536));
            if (epoll) {
                bootstrap.option(EpollChannelOption.UDP_GRO, true);
            }
            if (config.socket().overrideDefaults()) {
                bootstrap
                        .option(ChannelOption.SO_RCVBUF, config.socket().recvBufferBytes())
                        .option(ChannelOption.SO_SNDBUF, config.socket().sendBufferBytes());
            }
            Channel channel = bootstrap
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

    /**
     * The transport settings of {@code config} (Iggy's quinn names) in quiche's terms: the receive
     * window is the credit given to a connection and to each stream, {@code initial_mtu} the
     * largest datagram sent, the DATAGRAM queue holds {@code datagram_send_buffer_size} bytes of
     * full datagrams. Quiche has no send window and sends no keep-alive PINGs (see default.toml).
     */
    static QuicServerCodecBuilder codecBuilder(QuicConfig config) {
        QuicServerCodecBuilder builder = new QuicServerCodecBuilder()
                .maxIdleTimeout(config.maxIdleTimeoutMicros(), TimeUnit.MICROSECONDS)
                .initialMaxData(config.receiveWindowBytes())
                .initialMaxStreamDataBidirectionalLocal(config.receiveWindowBytes())
                .initialMaxStreamDataBidirectionalRemote(config.receiveWindowBytes())
                .initialMaxStreamsBidirectional(config.maxConcurrentBidiStreams())
                .initialMaxStreamsUnidirectional(0)
                .maxRecvUdpPayloadSize(MAX_RECV_UDP_PAYLOAD_BYTES)
                .maxSendUdpPayloadSize(config.initialMtuBytes());
        if (config.datagramSendBufferBytes() > 0) {
            int queued = (int) Math.max(1, config.datagramSendBufferBytes() / config.initialMtuBytes());
            builder.datagram(queued, queued);
        }
        return builder;
    }

    /** GSO batches of {@code initial_mtu}-sized packets where the kernel and transport support it. */
    private static SegmentedDatagramPacketAllocator segmentedAllocator(QuicConfig config) {
        return SegmentedDatagramPacket.isSupported()
                ? EpollQuicUtils.newSegmentedAllocator(QuicDatagrams.gsoSegments(config.initialMtuBytes()))
                : SegmentedDatagramPacketAllocator.NONE;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
