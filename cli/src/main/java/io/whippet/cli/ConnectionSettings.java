package io.whippet.cli;

import io.whippet.client.Credentials;
import io.whippet.client.TlsSettings;

/**
 * Where and how one command connects, after flags, environment and the active context have been
 * merged.
 *
 * @param address {@code host:port} for TCP and QUIC, the API URL for HTTP
 */
record ConnectionSettings(TransportKind transport, String address, TlsSettings tls, Credentials credentials) {
    static final String DEFAULT_TCP_ADDRESS = "127.0.0.1:8090";
    static final String DEFAULT_HTTP_URL = "http://127.0.0.1:3000";
    static final String DEFAULT_QUIC_ADDRESS = "127.0.0.1:8080";

    @Override
    public String toString() {
        return "ConnectionSettings[" + transport.label() + " " + address + ", " + credentials + "]";
    }
}
