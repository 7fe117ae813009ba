package io.whippet.it;

import io.whippet.server.config.ServerConfig.TlsConfig;
import io.whippet.server.tls.KeyMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One self-signed {@code localhost} certificate and key for the whole test JVM, as PEM files: the
 * TLS servers load them as {@code cert_file}/{@code key_file} and the TLS flavours trust the
 * certificate, so a client never depends on which server it talks to. Made by the server's own
 * {@link KeyMaterial} in a temporary directory removed when the JVM exits.
 */
final class TestCertificate {
    private static final Path DIRECTORY = create();

    private TestCertificate() {}

    private static Path create() {
        try {
            Path directory = Files.createTempDirectory("whippet-it-tls-");
            KeyMaterial.load(new TlsConfig(true, true, "", ""), directory);
            Path certs = directory.resolve("certs");
            try (var files = Files.list(certs)) {
                files.forEach(file -> file.toFile().deleteOnExit());
            }
            certs.toFile().deleteOnExit();
            directory.toFile().deleteOnExit();
            return certs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PEM certificate, the one a client trusts. */
    static Path certFile() {
        return DIRECTORY.resolve("self-signed-cert.pem");
    }

    /** The PEM (PKCS#8) key of {@link #certFile()}. */
    static Path keyFile() {
        return DIRECTORY.resolve("self-signed-key.pem");
    }
}
