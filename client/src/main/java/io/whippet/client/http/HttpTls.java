package io.whippet.client.http;

import io.whippet.client.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The {@link SSLContext} for HTTPS from {@link TlsSettings}: the JDK trust store, the PEM
 * certificates of {@code caFile}, or (validation off, development only) any certificate. Host-name
 * checks stay the JDK client's; {@code domain} does not apply over HTTPS.
 */
final class HttpTls {
    private HttpTls() {}

    static SSLContext context(TlsSettings tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            String caFile = tls.caFile();
            if (!tls.validateCertificate()) {
                context.init(null, new TrustManager[] {new TrustingAnything()}, null);
            } else if (caFile != null && !caFile.isEmpty()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                    int index = 0;
                    for (Certificate certificate :
                            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + index++, certificate);
                    }
                }
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                context.init(null, trust.getTrustManagers(), null);
            } else {
                context.init(null, null, null);
            }
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tls: cannot build the HTTPS context (" + e.getMessage() + ")", e);
        }
    }

    /** Accepts every certificate: {@code tls_validate_certificate=false}. */
    @SuppressWarnings("CustomX509TrustManager")
    private static final class TrustingAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
