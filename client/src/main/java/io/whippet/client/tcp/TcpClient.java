package io.whippet.client.tcp;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionString;
import io.whippet.client.TlsSettings;
import java.io.File;
import java.util.List;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.whippet.client.WhippetClient} over TCP (optionally TLS): one connection, requests
 * pipelined in order. Thread-safe; share one instance per connection you want. Consumer-group
 * membership belongs to the connection, so a group consumer wants its own client.
 */
public final class TcpClient extends FramedClient {
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TcpClient(TcpConnection connection) {
        super(connection);
    }

    /** A client on the shared I/O threads; it connects on first use or {@link #connect()}. */
    public static TcpClient create(ClientConfig config) {
        return create(config, IoThreads.shared());
    }

    public static TcpClient create(ClientConfig config, IoThreads io) {
        return new TcpClient(new TcpConnection(config, io, sslContext(config)));
    }

    /** Parses the connection string, connects and logs in; blocks until done. */
    public static TcpClient connect(String connectionString) {
        TcpClient client = create(ConnectionString.parse(connectionString));
        try {
            client.connect().join();
        } catch (RuntimeException e) {
            client.close();
            throw Futures.unwrap(e);
        }
        return client;
    }

    /**
     * TLS 1.3 and 1.2 only. By default the server's chain is checked against the JDK trust store,
     * or against {@code caFile} alone when given, and its certificate must name the host (or
     * {@code domain}); {@code validateCertificate = false} skips both, for development only.
     */
    static @Nullable SslContext sslContext(ClientConfig config) {
        TlsSettings tls = config.tls();
        if (!tls.enabled()) {
            return null;
        }
        try {
            SslContextBuilder builder =
                    // BoringSSL when its native library loads: no JIT warm-up of AES-GCM, no heap copies.
                    SslContextBuilder.forClient()
                            .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                            .protocols(PROTOCOLS);
            String caFile = tls.caFile();
            if (!tls.validateCertificate()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                // Explicit, not left to the library's default: a changed default must not turn it off.
                builder.endpointIdentificationAlgorithm("HTTPS");
                if (caFile != null && !caFile.isEmpty()) {
                    File file = new File(caFile);
                    if (!file.isFile()) {
                        throw new IllegalArgumentException(
                                "tls ca file: " + caFile + " (expected: an existing PEM file)");
                    }
                    builder.trustManager(file);
                }
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: cannot build the client context (" + e.getMessage() + ")", e);
        }
    }
}
