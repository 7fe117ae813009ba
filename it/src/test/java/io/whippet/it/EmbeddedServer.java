package io.whippet.it;

import io.whippet.server.Server;
import io.whippet.server.ServerOptions;
import io.whippet.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An in-process Whippet server on a loopback ephemeral port, with its data in one directory that
 * survives {@link #restart()}. Root is iggy/iggy ({@link ServerOptions#development()}); HTTP is on
 * (loopback, ephemeral port) for the HTTP flavours, QUIC is off. Owned by the test thread that
 * created it; not thread-safe.
 */
final class EmbeddedServer implements AutoCloseable {
    private final Path dataDir;
    private @Nullable Server server;

    private EmbeddedServer(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts a server whose data lives in {@code dataDir} (created if missing, kept if present). */
    static EmbeddedServer start(Path dataDir) {
        var embedded = new EmbeddedServer(dataDir);
        embedded.startServer();
        return embedded;
    }

    private void startServer() {
        ServerConfig config = ServerConfig.load(
                null,
                Map.of(
                        "IGGY_SYSTEM_PATH", dataDir.toString(),
                        "IGGY_TCP_ADDRESS", "127.0.0.1:0",
                        "IGGY_HTTP_ADDRESS", "127.0.0.1:0",
                        "IGGY_QUIC_ENABLED", "false"));
        try {
            server = Server.start(config, ServerOptions.development());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded server in " + dataDir, e);
        }
    }

    /** A clean shutdown followed by a start on the same directory (the port changes). */
    void restart() {
        stop();
        startServer();
    }

    /** Clean shutdown; {@link #restart()} brings it back. */
    void stop() {
        Server running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    Path dataDir() {
        return dataDir;
    }

    InetSocketAddress tcpAddress() {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("server is stopped");
        }
        return running.tcpAddress().orElseThrow();
    }

    InetSocketAddress httpAddress() {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("server is stopped");
        }
        return running.httpAddress().orElseThrow();
    }

    @Override
    public void close() {
        stop();
    }
}
