package io.whippet.server.http;

import io.whippet.server.Server;
import io.whippet.server.ServerOptions;
import io.whippet.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts an in-process server with TCP and HTTP on free loopback ports, root iggy/iggy. */
final class TestServer {
    static final String JWT_SECRET = "a-test-secret-that-is-at-least-32-bytes-long";

    private TestServer() {}

    static Server start(Path dataDir, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>();
        environment.put("IGGY_SYSTEM_PATH", dataDir.toString());
        environment.put("IGGY_HTTP_ADDRESS", "127.0.0.1:0");
        environment.put("IGGY_TCP_ADDRESS", "127.0.0.1:0");
        environment.put("IGGY_QUIC_ENABLED", "false");
        environment.put("IGGY_HTTP_JWT_ENCODING_SECRET", JWT_SECRET);
        environment.putAll(overrides);
        try {
            return Server.start(ServerConfig.load(null, environment), ServerOptions.development());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetSocketAddress http(Server server) {
        return server.httpAddress().orElseThrow();
    }

    static InetSocketAddress tcp(Server server) {
        return server.tcpAddress().orElseThrow();
    }
}
