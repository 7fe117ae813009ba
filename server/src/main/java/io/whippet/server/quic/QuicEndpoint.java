package io.whippet.server.quic;

import java.net.InetSocketAddress;

/**
 * A running QUIC listener, whichever engine serves it: Netty's quiche codec ({@link QuicServer})
 * or ngtcp2 + GnuTLS ({@code io.whippet.server.quic.ngtcp2.NgQuicServer}).
 */
public interface QuicEndpoint extends AutoCloseable {
    InetSocketAddress localAddress();

    /** Stops listening and drops every connection; the sessions are disconnected. */
    @Override
    void close();
}
