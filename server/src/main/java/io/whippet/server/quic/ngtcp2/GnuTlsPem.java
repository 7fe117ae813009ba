package io.whippet.server.quic.ngtcp2;

import io.whippet.server.tls.KeyMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The certificate chain and key as PEM files GnuTLS reads, in a private temporary directory that
 * is deleted on close (GnuTLS loads them once, when the endpoint starts).
 *
 * <p>Why not the configured files as they are: the key may be the generated self-signed one, and
 * the JDK writes EC keys as PKCS#8 whose inner ECPrivateKey has neither curve nor public key,
 * which GnuTLS 3.7 refuses ("ASN1 parser: Element was not found"). EC keys are therefore written
 * in SEC1 form ({@code EC PRIVATE KEY}, RFC 5915) with the curve and the public key, taken from
 * the leaf certificate; other keys as the JDK encodes them (PKCS#8).
 */
record GnuTlsPem(Path directory, Path certFile, Path keyFile) implements AutoCloseable {

    static GnuTlsPem write(KeyMaterial keys) throws IOException {
        Path directory = Files.createTempDirectory(
                "whippet-quic", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path certFile = directory.resolve("cert.pem");
        Path keyFile = directory.resolve("key.pem");
        try {
            StringBuilder chain = new StringBuilder();
            for (X509Certificate certificate : keys.chain()) {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            Files.writeString(certFile, chain, StandardCharsets.US_ASCII);
            Files.writeString(keyFile, keyPem(keys.privateKey(), keys.certificate()), StandardCharsets.US_ASCII);
        } catch (CertificateEncodingException | RuntimeException e) {
            deleteQuietly(directory, certFile, keyFile);
            throw new IOException("QUIC: cannot encode the TLS key material: " + e.getMessage(), e);
        }
        return new GnuTlsPem(directory, certFile, keyFile);
    }

    static String keyPem(PrivateKey key, X509Certificate leaf) {
        if (!(key instanceof ECPrivateKey ec)) {
            return pem("PRIVATE KEY", key.getEncoded());
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ASN1ObjectIdentifier curve =
                ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
        SubjectPublicKeyInfo publicKey =
                SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                ec.getParams().getOrder().bitLength(), ec.getS(), publicKey.getPublicKeyData(), curve);
        try {
            return pem("EC PRIVATE KEY", sec1.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void close() {
        deleteQuietly(directory, certFile, keyFile);
    }

    private static void deleteQuietly(Path directory, Path... files) {
        try {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A leftover private temp directory is harmless; nothing to report to the caller.
        }
    }
}
