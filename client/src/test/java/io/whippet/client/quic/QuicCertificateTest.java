package io.whippet.client.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.client.BlockingClient;
import io.whippet.client.ClientConfig;
import io.whippet.client.ClientTransport;
import io.whippet.client.ConnectionException;
import io.whippet.client.Credentials;
import io.whippet.client.ReconnectPolicy;
import io.whippet.client.TlsSettings;
import io.whippet.testing.EmbeddedServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Certificate validation over QUIC against a server holding PEM files for localhost (made by keytool). */
@Timeout(60)
class QuicCertificateTest {
    @TempDir
    static Path keys;

    private static EmbeddedServer server;
    private static Path certificatePem;

    @BeforeAll
    static void startServerWithPemFiles() throws Exception {
        Path store = keys.resolve("server.p12");
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
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        certificatePem = keys.resolve("cert.pem");
        Path keyPem = keys.resolve("key.pem");
        Files.writeString(
                certificatePem,
                pem("CERTIFICATE", keyStore.getCertificate("whippet").getEncoded()));
        PrivateKey key = (PrivateKey) keyStore.getKey("whippet", "changeit".toCharArray());
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
        server = EmbeddedServer.start(Map.of(
                "IGGY_QUIC_ENABLED", "true",
                "IGGY_QUIC_ADDRESS", "127.0.0.1:0",
                "IGGY_QUIC_CERTIFICATE_SELF_SIGNED", "false",
                "IGGY_QUIC_CERTIFICATE_CERT_FILE", certificatePem.toString(),
                "IGGY_QUIC_CERTIFICATE_KEY_FILE", keyPem.toString()));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static ClientConfig config(TlsSettings tls) {
        return ClientConfig.defaults()
                .withAddress(server.host(), server.quicAddress().getPort())
                .withCredentials(Credentials.password(EmbeddedServer.ROOT_USERNAME, EmbeddedServer.ROOT_PASSWORD))
                .withTls(tls)
                .withReconnect(new ReconnectPolicy(0, 10, 10))
                .withTransport(ClientTransport.QUIC);
    }

    @Test
    void aCertificateSignedByTheConfiguredCaIsTrustedForLocalhost() {
        try (var client = new BlockingClient(
                QuicClient.create(config(new TlsSettings(true, "", certificatePem.toString(), true))))) {
            client.ping();
            assertThat(client.me().client().userId()).isZero();
        }
    }

    @Test
    void aServerNameTheCertificateDoesNotCarryIsRefused() {
        try (QuicClient client =
                QuicClient.create(config(new TlsSettings(true, "example.com", certificatePem.toString(), true)))) {
            assertThatThrownBy(() -> client.connect().join()).hasCauseInstanceOf(ConnectionException.class);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
    }
}
