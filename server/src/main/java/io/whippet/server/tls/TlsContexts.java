package io.whippet.server.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The server-side TLS settings shared by every transport: TLS 1.3 and 1.2 only (1.0 and 1.1 are
 * refused in the handshake), the JDK's provider and its default cipher suites for those versions.
 */
public final class TlsContexts {
    /** The protocol versions a server accepts, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsContexts() {}

    /** A Netty server context presenting {@code keys}; one per server, shared by its connections. */
    public static SslContext netty(KeyMaterial keys) {
        try {
            return SslContextBuilder.forServer(keys.privateKey(), keys.chain())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }
}
