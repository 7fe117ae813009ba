package io.whippet.client;

import org.jspecify.annotations.Nullable;

/**
 * TLS on the TCP transport (plain TLS over the same framing).
 *
 * @param enabled whether to wrap the connection in TLS
 * @param domain the server name to verify and send as SNI; empty means the host
 * @param caFile a PEM file of trusted certificates, or null for the JDK trust store
 * @param validateCertificate false trusts any certificate (development only)
 */
public record TlsSettings(
        boolean enabled, String domain, @Nullable String caFile, boolean validateCertificate) {
    public static TlsSettings disabled() {
        return new TlsSettings(false, "", null, true);
    }
}
