package io.whippet.server.tls;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Writes keys and certificates as PEM text (RFC 7468): a {@code -----BEGIN ...-----} line, the DER
 * bytes in base64 at 64 characters a line, and an {@code -----END ...-----} line. Keys are
 * written as PKCS#8 ({@code PRIVATE KEY}), which every TLS stack reads.
 */
public final class Pem {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    /** Each certificate as a {@code CERTIFICATE} block, in order. */
    public static String certificates(List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
            }
        }
        return pem.toString();
    }

    /** The key as one PKCS#8 {@code PRIVATE KEY} block. */
    public static String privateKey(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("key format: " + key.getFormat() + " (expected: PKCS#8)");
        }
        return block("PRIVATE KEY", der);
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
