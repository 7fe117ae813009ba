package io.whippet.client;

/**
 * How a client reaches the server: the binary protocol over TCP ({@code tcp.TcpClient}, port
 * 8090), the same frames over QUIC ({@code quic.QuicClient}, port 8080, always TLS 1.3), or the
 * REST API over HTTP ({@code http.WhippetHttpClient}, port 3000).
 */
public enum ClientTransport {
    TCP(ClientConfig.DEFAULT_PORT),
    QUIC(ClientConfig.DEFAULT_QUIC_PORT),
    HTTP(ClientConfig.DEFAULT_HTTP_PORT);

    private final int defaultPort;

    ClientTransport(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
