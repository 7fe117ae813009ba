package io.whippet.client.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One client's TCP connection (plain or TLS) on the shared {@link ReconnectingChannel} state
 * machine: requests go onto the socket in call order and are answered in that order.
 *
 * <p>A request already written when the connection drops fails with {@link ConnectionException};
 * it is not resent, because the server may have applied it.
 */
final class TcpConnection extends ReconnectingChannel<Channel> {
    /** The largest reply accepted; a poll of many big messages can be large, but not unbounded. */
    static final long MAX_REPLY_BYTES = 1L << 30;

    /**
     * Pooled buffers with 16 MiB chunks, shared by all connections: a 1 MB batch is then a small
     * share of a chunk that stays allocated. With the default 4 MiB chunks, a chunk whose only
     * buffer was released is freed, so every batch paid for a fresh zero-filled direct buffer.
     * (maxOrder 11: 8 KiB pages << 11; the cache sizes are Netty's defaults.)
     */
    private static final ByteBufAllocator BUFFERS = new PooledByteBufAllocator(
            true, 0, PooledByteBufAllocator.defaultNumDirectArena(), 8192, 11, 256, 64, true);

    /**
     * Under TLS, socket reads grow up to 1 MiB (Netty's default stops at 64 KiB): a large poll
     * reply takes a few reads instead of sixteen per MB. After small replies the read size shrinks
     * back. (Plaintext connections read straight into the reply instead: {@link ReplyReadAllocator};
     * TLS ones decrypt into it: {@link UnwrapAllocator}.)
     */
    private static final int MAX_READ_BYTES = 1 << 20;

    private final Bootstrap bootstrap;

    TcpConnection(ClientConfig config, IoThreads io, @Nullable SslContext ssl) {
        super(config, BUFFERS);
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
                        ResponseFrameDecoder replies = new ResponseFrameDecoder(MAX_REPLY_BYTES);
                        if (ssl != null) {
                            String domain = config.tls().domain().isEmpty()
                                    ? config.host()
                                    : config.tls().domain();
                            SslHandler tls = ssl.newHandler(ch.alloc(), domain, config.port());
                            if (tls.engine() instanceof ReferenceCountedOpenSslEngine) {
                                UnwrapAllocator unwrap = new UnwrapAllocator(ch.alloc(), replies);
                                ch.config().setAllocator(unwrap);
                                ch.pipeline().addLast(unwrap.scope(true), tls, unwrap.scope(false));
                            } else {
                                ch.pipeline().addLast(tls);
                            }
                        } else {
                            ch.config().setRecvByteBufAllocator(new ReplyReadAllocator(replies));
                        }
                        ch.pipeline().addLast(replies).addLast(new ClientChannelHandler());
                    }
                });
    }

    @Override
    protected void send(Channel channel, OutboundRequest<?> request) {
        write(channel, request, true);
    }

    @Override
    protected void sendWaiting(Channel channel) {
        for (OutboundRequest<?> request; (request = waiting.poll()) != null; ) {
            write(channel, request, false);
        }
        channel.flush();
    }

    @Override
    protected void sendHeartbeat(Channel channel, OutboundRequest<Boolean> ping) {
        write(channel, ping, true);
    }

    @Override
    protected void closeChannel(Channel channel) {
        var closing = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Override
    protected void schedule(Runnable task, long delayMs) {
        bootstrap.config().group().schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected String transportPrefix() {
        return "";
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

    @Override
    protected void attempt(int attempt) {
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
}
