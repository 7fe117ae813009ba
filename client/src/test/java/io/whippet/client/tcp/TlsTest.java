package io.whippet.client.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.client.BlockingClient;
import io.whippet.client.ClientConfig;
import io.whippet.client.ConnectionException;
import io.whippet.client.ReconnectPolicy;
import io.whippet.client.TlsSettings;
import io.whippet.protocol.CommandCode;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS against a scripted server holding a self-signed certificate for localhost made by keytool. */
@Timeout(30)
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;

    private static Path keyStore;
    private static Path certificatePem;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = keys.resolve("server.p12");
        certificatePem = keys.resolve("server.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "whippet",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "whippet",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit",
                "-file",
                certificatePem.toString());
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
    }

    private static FakeServer tlsServer() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        SSLServerSocket socket = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new FakeServer(socket, request -> FakeServer.Reply.ok());
    }

    private static ClientConfig config(FakeServer server, TlsSettings tls) {
        return ClientConfig.defaults()
                .withAddress("127.0.0.1", server.port())
                .withHeartbeatIntervalMs(0)
                .withReconnect(ReconnectPolicy.none())
                .withTls(tls);
    }

    @Test
    void pingsOverTlsTrustingTheServersCertificateFromAPemFile() throws Exception {
        try (FakeServer server = tlsServer();
                BlockingClient client = new BlockingClient(TcpClient.create(
                        config(server, new TlsSettings(true, "localhost", certificatePem.toString(), true))))) {
            client.ping();
            assertThat(server.take().code()).isEqualTo(CommandCode.PING.code());
        }
    }

    @Test
    void anUntrustedCertificateFailsTheConnection() throws Exception {
        try (FakeServer server = tlsServer();
                BlockingClient client = new BlockingClient(
                        TcpClient.create(config(server, new TlsSettings(true, "localhost", null, true))))) {
            assertThatThrownBy(client::ping)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("tls handshake");
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostFailsTheConnection() throws Exception {
        try (FakeServer server = tlsServer();
                BlockingClient client = new BlockingClient(TcpClient.create(
                        config(server, new TlsSettings(true, "example.com", certificatePem.toString(), true))))) {
            assertThatThrownBy(client::ping)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("tls handshake");
        }
    }

    @Test
    void aMissingCaFileIsRefusedUpFront() {
        ClientConfig config = ClientConfig.defaults().withTls(new TlsSettings(true, "", "/no/such/ca.pem", true));

        assertThatThrownBy(() -> TcpClient.create(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/no/such/ca.pem");
    }

    @Test
    void certificateValidationCanBeTurnedOffForDevelopment() throws Exception {
        try (FakeServer server = tlsServer();
                BlockingClient client =
                        new BlockingClient(TcpClient.create(config(server, new TlsSettings(true, "", null, false))))) {
            client.ping();
        }
    }
}
