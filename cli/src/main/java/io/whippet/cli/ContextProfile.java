package io.whippet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A named connection profile: where to connect and as whom. Every field is optional; a command
 * line flag or environment variable wins over the profile, the profile over built-in defaults.
 * Field names are the TOML keys Iggy's {@code contexts.toml} uses.
 */
record ContextProfile(
        @Nullable String transport,
        @Nullable String tcpServerAddress,
        @Nullable Boolean tcpTlsEnabled,
        @Nullable String tcpTlsDomain,
        @Nullable String httpApiUrl,
        @Nullable String quicServerAddress,
        @Nullable String username,
        @Nullable String password,
        @Nullable String token) {
    static ContextProfile empty() {
        return new ContextProfile(null, null, null, null, null, null, null, null, null);
    }

    /** The set fields under their TOML keys, in a stable order. Secrets included: callers redact. */
    Map<String, Object> entries() {
        Map<String, Object> entries = new LinkedHashMap<>();
        put(entries, "transport", transport);
        put(entries, "tcp_server_address", tcpServerAddress);
        put(entries, "tcp_tls_enabled", tcpTlsEnabled);
        put(entries, "tcp_tls_domain", tcpTlsDomain);
        put(entries, "http_api_url", httpApiUrl);
        put(entries, "quic_server_address", quicServerAddress);
        put(entries, "username", username);
        put(entries, "password", password);
        put(entries, "token", token);
        return entries;
    }

    private static void put(Map<String, Object> entries, String key, @Nullable Object value) {
        if (value != null) {
            entries.put(key, value);
        }
    }
}
