package io.whippet.server.http;

import io.whippet.server.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.client.blocking.http.IggyHttpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;

/**
 * How a contract test reaches the server: the official SDK over TCP, HTTP, or HTTPS (the server's
 * self-signed certificate, trusted from its data directory).
 */
enum Transport {
    TCP,
    HTTP,
    HTTPS;

    /** Server configuration this transport needs on top of the test defaults. */
    Map<String, String> serverEnvironment() {
        return this == HTTPS ? Map.of("IGGY_HTTP_TLS_ENABLED", "true") : Map.of();
    }

    IggyBaseClient connect(Server server) {
        return switch (this) {
            case TCP ->
                IggyTcpClient.builder()
                        .host("127.0.0.1")
                        .port(TestServer.tcp(server).getPort())
                        // One pooled connection: with more, the SDK 0.8.0 can wake the caller of
                        // login() before it marks itself authenticated, and a next call acquiring
                        // another connection fails locally with "Not authenticated" (seen in CI).
                        // With one, the next call waits for the release that follows that mark.
                        .connectionPoolSize(1)
                        .credentials("iggy", "iggy")
                        .buildAndLogin();
            case HTTP ->
                IggyHttpClient.builder()
                        .host("127.0.0.1")
                        .port(TestServer.http(server).getPort())
                        .credentials("iggy", "iggy")
                        .buildAndLogin();
            case HTTPS ->
                IggyHttpClient.builder()
                        .host("localhost")
                        .port(TestServer.http(server).getPort())
                        .enableTls()
                        .tlsCertificate(trustStore(server).toFile())
                        .credentials("iggy", "iggy")
                        .buildAndLogin();
        };
    }

    /**
     * The SDK's HTTP client reads its "certificate" as a key store (Apache HttpClient's
     * loadTrustMaterial with no password), not as PEM: a password-less PKCS#12 holding the
     * server's self-signed certificate.
     */
    private static Path trustStore(Server server) {
        Path certs = server.config().system().path().resolve("certs");
        Path store = certs.resolve("test-truststore.p12");
        try (InputStream pem = Files.newInputStream(certs.resolve("self-signed-cert.pem"));
                OutputStream out = Files.newOutputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setCertificateEntry(
                    "whippet", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            keyStore.store(out, null);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the trust store: " + e.getMessage(), e);
        }
        return store;
    }
}
