package io.whippet.client.tcp;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops every TCP client of this JVM shares unless given its own: one daemon thread per
 * core, epoll where available. Sharing keeps a process with many clients (a bench with 8 producers)
 * from running 8 I/O threads on 2 cores.
 */
public final class IoThreads {
    private static final class Shared {
        static final IoThreads INSTANCE = create(Runtime.getRuntime().availableProcessors());
    }

    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;

    private IoThreads(EventLoopGroup group, Class<? extends Channel> channelType) {
        this.group = group;
        this.channelType = channelType;
    }

    public static IoThreads shared() {
        return Shared.INSTANCE;
    }

    /** A private group of {@code threads} daemon I/O threads; the caller shuts it down. */
    public static IoThreads create(int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group =
                new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("whippet-client", true), factory);
        return new IoThreads(group, epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends Channel> channelType() {
        return channelType;
    }

    public void shutdown() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
