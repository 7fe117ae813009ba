package io.whippet.client.quic;

import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionString;
import io.whippet.client.TlsSettings;
import io.whippet.client.tcp.FramedClient;
import java.io.File;
import java.util.concurrent.CompletionException;

/**
 * {@link io.whippet.client.WhippetClient} over QUIC: one QUIC connection (TLS 1.3, always), one
 * bidirectional stream per request. Login state belongs to the connection, as on TCP.
 *
 * <p>Certificates are validated by default, against the JDK trust store or {@code tls.caFile()};
 * the server name checked (and sent as SNI) is {@code tls.domain()}, or {@code localhost} when
 * empty, which is what a server's self-signed certificate names. {@code validateCertificate =
 * false} trusts any certificate (development only). ALPN {@code iggy} is offered, since the client's
 * QUIC TLS stack (BoringSSL) insists on one; both server engines accept it.
 *
 * <pre>{@code
 * try (WhippetClient client = QuicClient.connect("iggy+quic://iggy:iggy@127.0.0.1:8080?tls_ca_file=cert.pem")) {
 *     client.ping().join();
 * }
 * }</pre>
 *
 * Thread-safe. {@link #create} keeps requests in call order (each waits for the previous reply);
 * {@link #createConcurrent} lets them run side by side on parallel streams, completing as answered.
 */
public final class QuicClient extends FramedClient {
    /** The ALPN protocol offered; the Whippet server accepts it. */
    public static final String ALPN = "iggy";

    private QuicClient(QuicConnection connection) {
        super(connection);
    }

    /** A client that connects on first use or {@link #connect()}; requests take effect in call order. */
    public static QuicClient create(ClientConfig config) {
        return create(config, 0);
    }

    /**
     * An ordered client whose datagrams are at most {@code udpPayloadBytes} each way (0: chosen
     * from the server address); what a peer with a small MTU, such as Iggy's 1,200-byte start,
     * sends and receives.
     */
    static QuicClient create(ClientConfig config, long udpPayloadBytes) {
        return new QuicClient(new QuicConnection(config, sslContext(config.tls()), true, udpPayloadBytes));
    }

    /**
     * A client whose requests run concurrently, each on its own stream: the server may apply them in
     * any order, and their futures complete as the replies arrive.
     */
    public static QuicClient createConcurrent(ClientConfig config) {
        return new QuicClient(new QuicConnection(config, sslContext(config.tls()), false, 0));
    }

    /** Parses the connection string, connects and logs in; blocks until done. */
    public static QuicClient connect(String connectionString) {
        QuicClient client = create(ConnectionString.parse(connectionString));
        try {
            client.connect().join();
        } catch (CompletionException e) {
            client.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    static QuicSslContext sslContext(TlsSettings tls) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forClient().applicationProtocols(ALPN);
        String caFile = tls.caFile();
        if (!tls.validateCertificate()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else {
            if (caFile != null && !caFile.isEmpty()) {
                builder.trustManager(new File(caFile));
            }
            builder.endpointIdentificationAlgorithm("HTTPS");
        }
        return builder.build();
    }
}
