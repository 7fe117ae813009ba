package io.whippet.client.tcp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionString;
import java.io.File;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.whippet.client.WhippetClient} over TCP (optionally TLS): one connection, requests
 * pipelined in order. Thread-safe; share one instance per connection you want. Consumer-group
 * membership belongs to the connection, so a group consumer wants its own client.
 */
public final class TcpClient extends FramedClient {
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

    private static @Nullable SslContext sslContext(ClientConfig config) {
        if (!config.tls().enabled()) {
            return null;
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            String caFile = config.tls().caFile();
            if (!config.tls().validateCertificate()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else if (caFile != null && !caFile.isEmpty()) {
                builder.trustManager(new File(caFile));
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("tls: cannot build the client context (" + e.getMessage() + ")", e);
        }
    }
}
