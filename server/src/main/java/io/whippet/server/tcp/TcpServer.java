package io.whippet.server.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.command.Session;
import io.whippet.server.config.ListenAddress;
import io.whippet.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The Iggy binary protocol over TCP, optionally inside TLS. Uses native epoll when available, NIO
 * otherwise. Each connection gets a {@link Session}, a {@link RequestFrameDecoder} and a
 * {@link TcpConnectionHandler}; with TLS an {@link SslHandler} comes first.
 *
 * <pre>
 * plaintext:  socket -> frames -> requests
 * TLS:        socket -> tls (SslHandler) -> frames -> requests
 * </pre>
 *
 * <p>Wrong-protocol peers are cut off early: the SslHandler closes a connection whose first bytes
 * are not a TLS record, and on a plaintext port the frame decoder recognizes a TLS ClientHello
 * before buffering the length it seems to announce.
 */
public final class TcpServer implements AutoCloseable {
    /**
     * Pooled buffers with 16 MiB chunks. A 1 MB SendMessages frame is then a small share of a chunk
     * that stays allocated: with Netty's default allocators each such frame cost a fresh,
     * zero-filled direct buffer (the adaptive allocator does not pool it; 4 MiB pooled chunks were
     * freed and re-created every time their only buffer was released). maxOrder 11: 8 KiB pages << 11;
     * the cache sizes are Netty's defaults. QUIC's connections, streams and socket use it too.
     */
    public static final PooledByteBufAllocator FRAME_BUFFERS = new PooledByteBufAllocator(
            true, 0, PooledByteBufAllocator.defaultNumDirectArena(), 8192, 11, 256, 64, true);

    private static final System.Logger LOG = System.getLogger(TcpServer.class.getName());
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    /**
     * Plaintext handed to OpenSSL per encrypt call (Netty's default is one 16 KiB record): BoringSSL
     * still cuts it into standard records, but a 1 MB poll reply then takes a few calls and output
     * buffers instead of 64 of each, with as many JNI crossings and outbound entries.
     */
    private static final int TLS_WRAP_BYTES = 256 * 1024;

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;

    private TcpServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, Channel serverChannel) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
    }

    /**
     * Iggy's {@code [tcp.socket]} on accepted connections. By default TCP_NODELAY (a reply must
     * not wait for the next one) and SO_KEEPALIVE, with the kernel's autotuned buffers; with
     * {@code override_defaults} exactly what is configured. SO_LINGER is set only for a non-zero
     * duration: a zero linger would reset every connection on close.
     */
    static ServerBootstrap socketOptions(ServerBootstrap bootstrap, ServerConfig.TcpSocketConfig socket) {
        if (!socket.overrideDefaults()) {
            return bootstrap.childOption(ChannelOption.TCP_NODELAY, true).childOption(ChannelOption.SO_KEEPALIVE, true);
        }
        bootstrap
                .childOption(ChannelOption.TCP_NODELAY, socket.nodelay())
                .childOption(ChannelOption.SO_KEEPALIVE, socket.keepalive())
                .childOption(ChannelOption.SO_RCVBUF, socket.recvBufferBytes())
                .childOption(ChannelOption.SO_SNDBUF, socket.sendBufferBytes());
        long lingerSeconds = (socket.lingerMicros() + 999_999) / 1_000_000;
        if (lingerSeconds > 0) {
            bootstrap.childOption(ChannelOption.SO_LINGER, (int) lingerSeconds);
        }
        return bootstrap;
    }

    /**
     * Binds and starts accepting; {@code requestExecutor} runs the commands (virtual threads).
     * {@code tls}: the server context to wrap every connection in, or null for plaintext.
     */
    public static TcpServer start(
            ListenAddress address,
            ServerConfig.TcpSocketConfig socket,
            FrameLimits limits,
            CommandProcessor processor,
            ExecutorService requestExecutor,
            InstantSource clock,
            @Nullable SslContext tls)
            throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        var ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, ioHandler);
        EventLoopGroup workers =
                new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), ioHandler);
        try {
            Channel channel = socketOptions(new ServerBootstrap(), socket)
                    .group(boss, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.ALLOCATOR, FRAME_BUFFERS)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            InetSocketAddress remote = ch.remoteAddress();
                            String peer = remote == null
                                    ? "unknown"
                                    : remote.getAddress().getHostAddress() + ":" + remote.getPort();
                            Session session = new Session(Session.Transport.TCP, peer, clock.millis() * 1000);
                            if (tls != null) {
                                SslHandler handler = tls.newHandler(ch.alloc());
                                handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS);
                                handler.setWrapDataSize(TLS_WRAP_BYTES);
                                ch.pipeline().addLast("tls", handler);
                            }
                            RequestFrameDecoder frames = new RequestFrameDecoder(limits, session);
                            if (tls == null) {
                                ch.config().setRecvByteBufAllocator(new FrameReadAllocator(frames));
                            }
                            ch.pipeline()
                                    .addLast("frames", frames)
                                    .addLast(
                                            "requests",
                                            new TcpConnectionHandler(session, processor, requestExecutor, tls == null));
                        }
                    })
                    .bind(address.toSocketAddress())
                    .sync()
                    .channel();
            LOG.log(
                    System.Logger.Level.INFO,
                    "TCP listening on {0} ({1}{2})",
                    channel.localAddress(),
                    epoll ? "epoll" : "nio",
                    tls == null ? "" : ", TLS");
            return new TcpServer(boss, workers, channel);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting new connections; existing ones keep being served until {@link #close()}. */
    public void stopAccepting() {
        serverChannel.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
