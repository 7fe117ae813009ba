package io.whippet.server.tls;

import io.whippet.server.config.ConfigException;
import io.whippet.server.config.ServerConfig.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A server's TLS identity: its private key and certificate chain, leaf first. Immutable; built
 * once at start-up and shared by the transports that serve TLS.
 *
 * <p>Where it comes from ({@link #load}): the PEM files {@code cert_file} and {@code key_file}
 * when either is set, otherwise a self-signed certificate for {@code localhost} when
 * {@code self_signed} is on. The self-signed identity lives in the data directory so TCP, HTTP and
 * QUIC present the same certificate, and so clients given its file as CA file keep working across
 * restarts (see {@link SelfSignedIdentity} for the files).
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
    public KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: at least the server's certificate)");
        }
    }

    /** The server's own certificate (the first of the chain). */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /**
     * The identity {@code config} asks for; {@code dataDir} is {@code system.path}. With {@code
     * self_signed} and no cert or key file where they are named, a generated one. Fails with a
     * {@link ConfigException} naming the file when a file is missing, unreadable, not PEM, or
     * when the key does not belong to the certificate.
     */
    public static KeyMaterial load(TlsConfig config, Path dataDir) {
        boolean filesGiven = !config.certFile().isBlank() || !config.keyFile().isBlank();
        // Iggy's self_signed: generate when the named files do not exist (its shipped config names
        // core/certs/... paths that exist only in its source tree).
        boolean filesMissing = !Files.exists(Path.of(config.certFile())) && !Files.exists(Path.of(config.keyFile()));
        if (filesGiven && !(config.selfSigned() && filesMissing)) {
            if (config.certFile().isBlank() || config.keyFile().isBlank()) {
                throw new ConfigException("tls: cert_file and key_file must be set together (cert_file: '"
                        + config.certFile() + "', key_file: '" + config.keyFile() + "')");
            }
            return fromPemFiles(Path.of(config.certFile()), Path.of(config.keyFile()));
        }
        if (!config.selfSigned()) {
            throw new ConfigException("tls: self_signed is false but cert_file and key_file are empty");
        }
        return SelfSignedIdentity.loadOrCreate(dataDir.resolve(SelfSignedIdentity.DIRECTORY));
    }

    /** Reads a PEM certificate chain and a PEM key (PKCS#8, or PKCS#1 RSA / SEC1 EC) that match. */
    public static KeyMaterial fromPemFiles(Path certFile, Path keyFile) {
        List<X509Certificate> chain = PemReader.certificates(certFile);
        PrivateKey key = PemReader.privateKey(keyFile);
        PemReader.checkPair(key, chain.getFirst(), certFile, keyFile);
        return new KeyMaterial(key, chain);
    }

    @Override
    public String toString() {
        return "KeyMaterial[subject=" + certificate().getSubjectX500Principal() + ", chain=" + chain.size()
                + ", key=<redacted>]";
    }
}
