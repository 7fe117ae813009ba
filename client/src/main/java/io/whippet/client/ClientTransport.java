package io.whippet.client;

/**
 * How a client reaches the server: the binary protocol over TCP ({@code tcp.TcpClient}, port 8090)
 * or the REST API over HTTP ({@code http.WhippetHttpClient}, port 3000).
 */
public enum ClientTransport {
    TCP(ClientConfig.DEFAULT_PORT),
    HTTP(ClientConfig.DEFAULT_HTTP_PORT);

    private final int defaultPort;

    ClientTransport(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
