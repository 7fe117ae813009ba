package io.whippet.server.quic;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.server.config.ServerConfig.TlsConfig;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The QUIC server's private key and certificate chain: a self-signed {@code localhost}
 * certificate made at start-up, or PEM files. A stand-in with the shape of the shared
 * {@code io.whippet.server.tls.KeyMaterial}, to be replaced by it once that lands.
 */
record QuicKeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
    QuicKeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain: empty (expected: at least one certificate)");
        }
        chain = List.copyOf(chain);
    }

    /** Self-signed when configured so, else the PEM files (relative paths resolve in {@code dataDir}). */
    static QuicKeyMaterial load(TlsConfig tls, Path dataDir) {
        if (tls.selfSigned()) {
            return selfSigned("localhost");
        }
        if (tls.certFile().isEmpty() || tls.keyFile().isEmpty()) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION, "quic.certificate: cert_file and key_file are required");
        }
        return fromPem(dataDir.resolve(tls.certFile()), dataDir.resolve(tls.keyFile()));
    }

    /** A fresh P-256 key and a certificate for {@code host} (as CN and DNS name), valid a year. */
    static QuicKeyMaterial selfSigned(String host) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + host);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(
                            name,
                            new BigInteger(64, new SecureRandom()),
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(Duration.ofDays(365))),
                            name,
                            keys.getPublic())
                    .addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new QuicKeyMaterial(keys.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new WhippetException(ErrorCode.ERROR, "cannot create a self-signed certificate: " + e.getMessage());
        }
    }

    static QuicKeyMaterial fromPem(Path certFile, Path keyFile) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            try (var in = Files.newInputStream(certFile)) {
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    chain.add((X509Certificate) certificate);
                }
            }
            return new QuicKeyMaterial(privateKey(keyFile), chain);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "quic.certificate: cannot read " + certFile + " / " + keyFile + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path keyFile) throws IOException {
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            var converter = new JcaPEMKeyConverter();
            return switch (pem) {
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null -> throw new IOException("no PEM object in " + keyFile);
                default ->
                    throw new IOException(
                            "unsupported key type " + pem.getClass().getSimpleName());
            };
        }
    }
}
