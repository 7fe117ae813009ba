package io.whippet.server.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.server.config.ServerConfig.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuicKeyMaterialTest {
    @TempDir
    Path dataDir;

    @Test
    void selfSignedCertificateNamesLocalhostAndMatchesItsKey() throws Exception {
        QuicKeyMaterial keys = QuicKeyMaterial.load(new TlsConfig(true, true, "", ""), dataDir);
        var certificate = keys.chain().getFirst();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"));
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());
        assertThat(keys.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void pemFilesRelativeToTheDataDirectoryAreLoaded() throws Exception {
        QuicKeyMaterial original = QuicKeyMaterial.selfSigned("localhost");
        Files.writeString(
                dataDir.resolve("cert.pem"),
                pem("CERTIFICATE", original.chain().getFirst().getEncoded()),
                StandardCharsets.US_ASCII);
        Files.writeString(
                dataDir.resolve("key.pem"),
                pem("PRIVATE KEY", original.privateKey().getEncoded()),
                StandardCharsets.US_ASCII);

        QuicKeyMaterial loaded = QuicKeyMaterial.load(new TlsConfig(true, false, "cert.pem", "key.pem"), dataDir);

        assertThat(loaded.chain()).containsExactly(original.chain().getFirst());
        assertThat(loaded.privateKey().getEncoded())
                .isEqualTo(original.privateKey().getEncoded());
    }

    @Test
    void missingPemPathsAreAConfigurationError() {
        assertThatThrownBy(() -> QuicKeyMaterial.load(new TlsConfig(true, false, "", ""), dataDir))
                .isInstanceOfSatisfying(
                        WhippetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
        assertThatThrownBy(() -> QuicKeyMaterial.load(new TlsConfig(true, false, "nope.pem", "nope.key"), dataDir))
                .isInstanceOfSatisfying(
                        WhippetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
