package io.whippet.server.config;

import java.net.InetSocketAddress;

/** A host and port to listen on; port 0 picks a free port (tests). */
public record ListenAddress(String host, int port) {
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
