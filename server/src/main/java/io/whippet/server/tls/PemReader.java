package io.whippet.server.tls;

import io.whippet.server.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM certificates and keys, turning every failure into one {@link ConfigException} line
 * that names the file. Keys: {@code PRIVATE KEY} (PKCS#8), {@code RSA PRIVATE KEY} (PKCS#1) and
 * {@code EC PRIVATE KEY} (SEC1, possibly after an {@code EC PARAMETERS} block). Encrypted keys are
 * refused: the server has no way to ask for a passphrase.
 */
final class PemReader {
    private PemReader() {}

    static List<X509Certificate> certificates(Path file) {
        requireReadable(file, "cert_file");
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
        } catch (IOException e) {
            throw new ConfigException("tls cert_file: " + file + " cannot be read (" + e.getMessage() + ")");
        } catch (CertificateException e) {
            throw new ConfigException("tls cert_file: " + file + " is not a PEM certificate (" + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new ConfigException("tls cert_file: " + file + " holds no certificate");
        }
        return chain;
    }

    static PrivateKey privateKey(Path file) {
        requireReadable(file, "key_file");
        var converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                switch (block) {
                    case PrivateKeyInfo pkcs8 -> {
                        return converter.getPrivateKey(pkcs8);
                    }
                    case PEMKeyPair pair -> {
                        // Not getKeyPair(): SEC1 makes the public key optional, and it may be absent.
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> throw encrypted(file);
                    case PEMEncryptedKeyPair encrypted -> throw encrypted(file);
                    default -> {
                        // EC PARAMETERS and certificates may share the file; keep looking for the key.
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException("tls key_file: " + file + " is not a PEM private key (" + e.getMessage() + ")");
        }
        throw new ConfigException("tls key_file: " + file + " holds no private key");
    }

    /** Proves {@code key} belongs to {@code certificate} by signing a random challenge with it. */
    static void checkPair(PrivateKey key, X509Certificate certificate, Path certFile, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default ->
                throw new ConfigException("tls key_file: " + keyFile + " holds a " + key.getAlgorithm()
                        + " key (expected: RSA, EC or Ed25519)");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A key of another type than the certificate's lands here (InvalidKeyException).
            matches = false;
        }
        if (!matches) {
            throw new ConfigException(
                    "tls key_file: " + keyFile + " does not match the certificate in cert_file: " + certFile);
        }
    }

    private static void requireReadable(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("tls " + key + ": " + file + " (expected: an existing file)");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException("tls " + key + ": " + file + " is not readable");
        }
    }

    private static ConfigException encrypted(Path file) {
        return new ConfigException("tls key_file: " + file + " is encrypted (expected: an unencrypted PEM key)");
    }
}
