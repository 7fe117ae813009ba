package io.whippet.cli;

import io.whippet.client.ClientConfig;
import io.whippet.client.ClientTransport;
import io.whippet.client.ConnectionString;
import io.whippet.client.ReconnectPolicy;
import io.whippet.client.WhippetClient;

/**
 * The one place that turns {@link ConnectionSettings} into a client: TCP (optionally TLS), QUIC
 * (TLS 1.3; like Iggy's CLI it validates the server certificate only with
 * {@code --quic-validate-certificate} or {@code --quic-ca-file}) or HTTP (the
 * {@code --http-api-url}, {@code https://} for TLS).
 *
 * <p>A CLI command is one short conversation: no reconnect retries (a dead server fails at once)
 * and no heartbeats.
 */
final class Transports {
    private Transports() {}

    static WhippetClient open(ConnectionSettings settings) {
        return WhippetClient.create(
                switch (settings.transport()) {
                    case TCP -> config(settings);
                    case QUIC -> config(settings).withTransport(ClientTransport.QUIC);
                    case HTTP -> httpConfig(settings);
                });
    }

    static ClientConfig config(ConnectionSettings settings) {
        HostPort hostPort = HostPort.parse(settings.address());
        return ClientConfig.defaults()
                .withAddress(hostPort.host(), hostPort.port())
                .withCredentials(settings.credentials())
                .withTls(settings.tls())
                .withReconnect(ReconnectPolicy.none())
                .withHeartbeatIntervalMs(0);
    }

    private static ClientConfig httpConfig(ConnectionSettings settings) {
        String url = settings.address();
        if (!url.regionMatches(true, 0, "http://", 0, 7) && !url.regionMatches(true, 0, "https://", 0, 8)) {
            throw new UsageException("http api url: " + url + " (expected: http://host:port or https://host:port)");
        }
        ClientConfig parsed;
        try {
            parsed = ConnectionString.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("http api url: " + url + " (" + e.getMessage() + ")");
        }
        return parsed.withCredentials(settings.credentials())
                .withReconnect(ReconnectPolicy.none())
                .withHeartbeatIntervalMs(0);
    }

    /** A {@code host:port} pair; IPv6 hosts go in brackets. */
    record HostPort(String host, int port) {
        static HostPort parse(String address) {
            String host;
            String port;
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close < 0 || close + 1 >= address.length() || address.charAt(close + 1) != ':') {
                    throw badAddress(address);
                }
                host = address.substring(1, close);
                port = address.substring(close + 2);
            } else {
                int colon = address.lastIndexOf(':');
                if (colon <= 0) {
                    throw badAddress(address);
                }
                host = address.substring(0, colon);
                port = address.substring(colon + 1);
            }
            try {
                int number = Integer.parseInt(port);
                if (number < 0 || number > 65_535) {
                    throw badAddress(address);
                }
                return new HostPort(host, number);
            } catch (NumberFormatException e) {
                throw badAddress(address);
            }
        }

        private static UsageException badAddress(String address) {
            return new UsageException("server address: " + address + " (expected: host:port, e.g. 127.0.0.1:8090)");
        }
    }
}
