package io.whippet.server.tls;

import io.whippet.server.config.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed {@code localhost} identity: made on the first start that asks for it, kept in the
 * data directory, and made again when it is unreadable or within {@link #RENEW_BEFORE} of expiry.
 *
 * <pre>
 * {system.path}/certs/self-signed-cert.pem   the certificate: hand it to clients as their CA file
 * {system.path}/certs/self-signed-key.pem    its PKCS#8 EC P-256 key, readable by the owner only
 * </pre>
 *
 * <p>The certificate names {@code DNS:localhost} and {@code IP:127.0.0.1}, is valid for a year and
 * is not a CA (some TLS stacks refuse a CA certificate as a server's own). Calls are serialized so
 * two transports starting together share one identity.
 */
final class SelfSignedIdentity {
    static final String DIRECTORY = "certs";
    static final String CERT_FILE = "self-signed-cert.pem";
    static final String KEY_FILE = "self-signed-key.pem";
    static final Duration VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(7);

    private static final System.Logger LOG = System.getLogger(SelfSignedIdentity.class.getName());
    private static final Object LOCK = new Object();

    private SelfSignedIdentity() {}

    static KeyMaterial loadOrCreate(Path directory) {
        synchronized (LOCK) {
            Path certFile = directory.resolve(CERT_FILE);
            Path keyFile = directory.resolve(KEY_FILE);
            Instant now = Instant.now();
            if (Files.isRegularFile(certFile) && Files.isRegularFile(keyFile)) {
                try {
                    KeyMaterial existing = KeyMaterial.fromPemFiles(certFile, keyFile);
                    if (existing.certificate().getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                        LOG.log(System.Logger.Level.INFO, "TLS: self-signed certificate for localhost: {0}", certFile);
                        return existing;
                    }
                } catch (ConfigException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "TLS: replacing the self-signed identity: {0}",
                            e.getMessage());
                }
            }
            KeyMaterial created = create(now);
            try {
                Files.createDirectories(directory);
                writeOwnerOnly(keyFile, Pem.privateKey(created.privateKey()));
                writeAtomically(certFile, Pem.certificates(created.chain()));
            } catch (IOException e) {
                throw new ConfigException(
                        "tls self_signed: cannot write the certificate to " + directory + " (" + e.getMessage() + ")");
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "TLS: generated a self-signed certificate for localhost: {0} (clients: use it as CA file)",
                    certFile);
            return created;
        }
    }

    /** A new EC P-256 key and a certificate for localhost / 127.0.0.1 valid from an hour ago. */
    static KeyMaterial create(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost");
            var builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()).setBit(63),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(
                        GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())
            }));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new KeyMaterial(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        move(temp, file);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        move(temp, file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
