package io.whippet.server.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The server-side TLS settings shared by every transport: TLS 1.3 and 1.2 only (1.0 and 1.1 are
 * refused in the handshake) with Netty's default cipher suites for those versions (AES-128-GCM
 * first).
 *
 * <p>Provider: BoringSSL (netty-tcnative) when its native library loads, else the JDK's. Measured
 * on a 1 GB produce over loopback, the JDK engine spends its first seconds in the interpreted
 * AES-GCM path (about 40 MB/s until C2 compiles the intrinsic) and copies every record through
 * heap arrays; BoringSSL runs at full speed from the first byte on direct buffers.
 */
public final class TlsContexts {
    /** The protocol versions a server accepts, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final System.Logger LOG = System.getLogger(TlsContexts.class.getName());

    private TlsContexts() {}

    /** The provider Netty contexts use: OpenSSL (BoringSSL) when available, else the JDK. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** A Netty server context presenting {@code keys}; one per server, shared by its connections. */
    public static SslContext netty(KeyMaterial keys) {
        SslProvider provider = provider();
        LOG.log(
                System.Logger.Level.INFO,
                "TLS: {0} provider, {1}",
                provider == SslProvider.OPENSSL ? OpenSsl.versionString() : "JDK",
                String.join(" and ", PROTOCOLS));
        try {
            return SslContextBuilder.forServer(keys.privateKey(), keys.chain())
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }
}
