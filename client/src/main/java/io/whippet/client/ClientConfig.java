package io.whippet.client;

/**
 * Everything a client needs to connect: where, over which transport, as whom, how (TLS), how
 * hard to retry, how often to ping and how long a request may take. Reconnects and heartbeats
 * apply to TCP only. Build one from {@link #defaults()} and the {@code
 * with*} methods, or parse a {@link ConnectionString}.
 *
 * @param heartbeatIntervalMs a ping every this many ms while connected; 0 disables heartbeats
 * @param requestTimeoutMs a request's future fails after this long; 0 waits forever
 * @param transport TCP (the binary protocol, optionally in TLS), QUIC (the same frames, always TLS
 *     1.3, settings from {@code tls}) or HTTP (the REST API)
 */
public record ClientConfig(
        String host,
        int port,
        Credentials credentials,
        TlsSettings tls,
        ReconnectPolicy reconnect,
        long heartbeatIntervalMs,
        long requestTimeoutMs,
        ClientTransport transport) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;
    public static final int DEFAULT_QUIC_PORT = 8080;
    public static final int DEFAULT_HTTP_PORT = 3000;

    public ClientConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (heartbeatIntervalMs < 0 || requestTimeoutMs < 0) {
            throw new IllegalArgumentException(
                    "heartbeat " + heartbeatIntervalMs + " ms, timeout " + requestTimeoutMs + " ms (expected: >= 0)");
        }
    }

    /** TCP to 127.0.0.1:8090, no credentials, no TLS, default retries, 5 s heartbeat, 30 s timeout. */
    public static ClientConfig defaults() {
        return new ClientConfig(
                DEFAULT_HOST,
                DEFAULT_PORT,
                Credentials.none(),
                TlsSettings.disabled(),
                ReconnectPolicy.defaults(),
                5_000,
                30_000,
                ClientTransport.TCP);
    }

    public ClientConfig withAddress(String host, int port) {
        return new ClientConfig(
                host, port, credentials, tls, reconnect, heartbeatIntervalMs, requestTimeoutMs, transport);
    }

    public ClientConfig withCredentials(Credentials credentials) {
        return new ClientConfig(
                host, port, credentials, tls, reconnect, heartbeatIntervalMs, requestTimeoutMs, transport);
    }

    public ClientConfig withTls(TlsSettings tls) {
        return new ClientConfig(
                host, port, credentials, tls, reconnect, heartbeatIntervalMs, requestTimeoutMs, transport);
    }

    public ClientConfig withReconnect(ReconnectPolicy reconnect) {
        return new ClientConfig(
                host, port, credentials, tls, reconnect, heartbeatIntervalMs, requestTimeoutMs, transport);
    }

    public ClientConfig withHeartbeatIntervalMs(long heartbeatIntervalMs) {
        return new ClientConfig(
                host, port, credentials, tls, reconnect, heartbeatIntervalMs, requestTimeoutMs, transport);
    }

    public ClientConfig withRequestTimeoutMs(long requestTimeoutMs) {
        return new ClientConfig(
                host, port, credentials, tls, reconnect, heartbeatIntervalMs, requestTimeoutMs, transport);
    }

    /** The same settings over {@code transport}; the port stays as it is. */
    public ClientConfig withTransport(ClientTransport transport) {
        return new ClientConfig(
                host, port, credentials, tls, reconnect, heartbeatIntervalMs, requestTimeoutMs, transport);
    }
}
