package io.whippet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.whippet.protocol.ErrorCode;
import io.whippet.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the TCP and HTTP transports of a real server with a generated self-signed certificate,
 * and what happens when a client speaks the wrong protocol to a port. "Closed quickly" means well
 * within the sockets' 5 s read timeout, which fails the test otherwise.
 */
@Timeout(60)
class TlsTransportTest {
    private static final int PING = 1;
    private static final int READ_TIMEOUT_MS = 5_000;

    @TempDir
    static Path tlsDir;

    @TempDir
    static Path plainDir;

    static Server tlsServer;
    static Server plainServer;
    static Path certificate;
    static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> tls = new HashMap<>(environment(tlsDir));
        tls.put("IGGY_TCP_TLS_ENABLED", "true");
        tls.put("IGGY_HTTP_ENABLED", "true");
        tls.put("IGGY_HTTP_ADDRESS", "127.0.0.1:0");
        tls.put("IGGY_HTTP_TLS_ENABLED", "true");
        tlsServer = Server.start(ServerConfig.load(null, tls), ServerOptions.development());
        plainServer = Server.start(ServerConfig.load(null, environment(plainDir)), ServerOptions.development());
        certificate = tlsDir.resolve("certs").resolve("self-signed-cert.pem");
        trusting = trusting(certificate);
    }

    private static Map<String, String> environment(Path dir) {
        return Map.of(
                "IGGY_SYSTEM_PATH", dir.toString(),
                "IGGY_TCP_ADDRESS", "127.0.0.1:0",
                "IGGY_HTTP_ENABLED", "false",
                "IGGY_QUIC_ENABLED", "false");
    }

    @AfterAll
    static void stop() {
        if (tlsServer != null) {
            tlsServer.close();
        }
        if (plainServer != null) {
            plainServer.close();
        }
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry(
                    "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static SSLSocket tlsSocket(InetSocketAddress address, String... protocols) throws IOException {
        SSLSocket socket =
                (SSLSocket) trusting.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        socket.setSoTimeout(READ_TIMEOUT_MS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (protocols.length > 0) {
            parameters.setProtocols(protocols);
        }
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static byte[] frame(int code) {
        return ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4)
                .putInt(code)
                .array();
    }

    /** Everything the server sends until it closes the connection. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException e) {
            // A reset also means closed.
            return new byte[0];
        }
    }

    private static int status(byte[] reply) {
        return ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void tcpServesRequestsOverTls13WithTheGeneratedCertificateVerified() throws Exception {
        try (SSLSocket socket = tlsSocket(tlsServer.tcpAddress().orElseThrow())) {
            socket.startHandshake();
            socket.getOutputStream().write(frame(PING));
            byte[] reply = socket.getInputStream().readNBytes(8);

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(status(reply)).isZero();
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        }
    }

    @Test
    void tcpAcceptsTls12() throws Exception {
        try (SSLSocket socket = tlsSocket(tlsServer.tcpAddress().orElseThrow(), "TLSv1.2")) {
            socket.getOutputStream().write(frame(PING));
            byte[] reply = socket.getInputStream().readNBytes(8);

            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(status(reply)).isZero();
        }
    }

    @Test
    void plaintextSentToTheTlsPortIsClosedWithoutAnAnswer() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(tlsServer.tcpAddress().orElseThrow());
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write(frame(PING));

            assertThat(readUntilClosed(socket.getInputStream()))
                    .as("no plaintext reply, just a closed connection (at most a TLS alert)")
                    .satisfiesAnyOf(
                            bytes -> assertThat(bytes).isEmpty(),
                            bytes -> assertThat(bytes[0]).as("alert record").isEqualTo((byte) 0x15));
        }
    }

    @Test
    void tlsHandshakeSentToThePlaintextPortIsAnsweredInvalidCommandAndClosed() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(plainServer.tcpAddress().orElseThrow());
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream().write(clientHello());

            byte[] reply = readUntilClosed(socket.getInputStream());

            assertThat(reply).hasSize(8);
            assertThat(status(reply)).isEqualTo(ErrorCode.INVALID_COMMAND.code());
        }
    }

    @Test
    void tlsClientOnThePlaintextPortFailsItsHandshake() throws Exception {
        try (SSLSocket socket = tlsSocket(plainServer.tcpAddress().orElseThrow())) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void httpsServesTheApiWithTheSameCertificate() throws Exception {
        InetSocketAddress address = tlsServer.httpAddress().orElseThrow();
        try (HttpClient client = HttpClient.newBuilder()
                .sslContext(trusting)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + address.getPort() + "/ping"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("pong");
            assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void plainHttpSentToTheHttpsPortGetsNoHttpAnswer() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(tlsServer.httpAddress().orElseThrow());
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream()
                    .write("GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            byte[] reply = readUntilClosed(socket.getInputStream());

            assertThat(new String(reply, StandardCharsets.ISO_8859_1)).doesNotContain("pong");
        }
    }

    @Test
    void opensslIsRefusedTls10And11AndServedTls12And13() throws Exception {
        assumeThat(opensslAvailable()).as("openssl on the PATH").isTrue();
        InetSocketAddress address = tlsServer.tcpAddress().orElseThrow();

        for (String oldVersion : List.of("-tls1", "-tls1_1")) {
            Result refused = sClient(address, oldVersion, "-cipher", "DEFAULT:@SECLEVEL=0");
            assertThat(refused.exitCode())
                    .as(oldVersion + ": " + refused.output())
                    .isNotZero();
            assertThat(refused.output()).as(oldVersion).doesNotContain("Verification: OK");
        }
        Result tls12 = sClient(address, "-tls1_2");
        assertThat(tls12.exitCode()).as(tls12.output()).isZero();
        assertThat(tls12.output()).contains("Protocol version: TLSv1.2").contains("Verification: OK");
        Result tls13 = sClient(address, "-tls1_3");
        assertThat(tls13.exitCode()).as(tls13.output()).isZero();
        assertThat(tls13.output()).contains("Protocol version: TLSv1.3").contains("Verification: OK");
    }

    private record Result(int exitCode, String output) {}

    private static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Result sClient(InetSocketAddress address, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + address.getPort(),
                "-servername",
                "localhost",
                "-verify_hostname",
                "localhost",
                "-CAfile",
                certificate.toString(),
                "-verify_return_error",
                "-brief"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl s_client did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 8090);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }
}
