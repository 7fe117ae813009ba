package io.whippet.server.quic.ngtcp2;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.server.config.ServerConfig.TlsConfig;
import io.whippet.server.tls.KeyMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GnuTlsPemTest {
    @Test
    void anEcKeyIsWrittenAsSec1WithItsCurveAndPublicKey(@TempDir Path dir) throws Exception {
        KeyMaterial keys = KeyMaterial.load(new TlsConfig(true, true, "", ""), dir);
        try (GnuTlsPem pem = GnuTlsPem.write(keys)) {
            String key = Files.readString(pem.keyFile());
            assertThat(key).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
            byte[] der = Base64.getMimeDecoder()
                    .decode(key.replace("-----BEGIN EC PRIVATE KEY-----", "")
                            .replace("-----END EC PRIVATE KEY-----", ""));
            ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
            assertThat(sec1.getParametersObject()).as("named curve").isNotNull();
            assertThat(sec1.getPublicKey()).as("public key").isNotNull();
            assertThat(sec1.getKey()).isEqualTo(((java.security.interfaces.ECPrivateKey) keys.privateKey()).getS());
            assertThat(Files.readString(pem.certFile())).startsWith("-----BEGIN CERTIFICATE-----\n");
            assertThat(Files.getPosixFilePermissions(pem.directory()))
                    .containsExactlyInAnyOrder(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        }
    }

    @Test
    void theFilesAreGoneAfterClose() throws Exception {
        KeyMaterial keys = KeyMaterial.load(new TlsConfig(true, true, "", ""), Files.createTempDirectory("pem"));
        GnuTlsPem pem = GnuTlsPem.write(keys);
        pem.close();

        assertThat(pem.directory()).doesNotExist();
    }
}
