package io.whippet.server;

import io.whippet.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts an in-process server on {@code dataDir} with only TCP, on a free loopback port; root iggy/iggy. */
final class TcpOnlyServer {
    private TcpOnlyServer() {}

    static Server start(Path dataDir, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>();
        environment.put("IGGY_SYSTEM_PATH", dataDir.toString());
        environment.put("IGGY_TCP_ADDRESS", "127.0.0.1:0");
        environment.put("IGGY_HTTP_ENABLED", "false");
        environment.put("IGGY_QUIC_ENABLED", "false");
        environment.putAll(overrides);
        try {
            return Server.start(ServerConfig.load(null, environment), ServerOptions.development());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
