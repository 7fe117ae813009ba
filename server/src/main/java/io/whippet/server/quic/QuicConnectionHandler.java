package io.whippet.server.quic;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicChannel;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.command.Session;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.InstantSource;

/**
 * Registers a client for each QUIC connection once its handshake is done, and removes it (with
 * its consumer-group memberships) when the connection closes, times out or is dropped. Runs on
 * the connection's event loop.
 */
final class QuicConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(QuicConnectionHandler.class.getName());

    private final CommandProcessor processor;
    private final InstantSource clock;
    private final RequestBudget requestBudget;

    QuicConnectionHandler(CommandProcessor processor, InstantSource clock, RequestBudget requestBudget) {
        this.processor = processor;
        this.clock = clock;
        this.requestBudget = requestBudget;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        QuicChannel channel = (QuicChannel) ctx.channel();
        Session session =
                new Session(Session.Transport.QUIC, peer(channel.remoteSocketAddress()), clock.millis() * 1000);
        channel.attr(QuicConnection.KEY).set(new QuicConnection(channel, session, requestBudget.connection()));
        processor.connected(session);
        LOG.log(System.Logger.Level.DEBUG, "{0}: connected", session);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        QuicConnection connection = ctx.channel().attr(QuicConnection.KEY).getAndSet(null);
        if (connection != null) {
            processor.disconnected(connection.session());
            LOG.log(System.Logger.Level.DEBUG, "{0}: disconnected", connection.session());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "QUIC connection error, closing", cause);
        ctx.close();
    }

    private static String peer(@org.jspecify.annotations.Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
