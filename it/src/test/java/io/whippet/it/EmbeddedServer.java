package io.whippet.it;

import io.whippet.server.Server;
import io.whippet.server.ServerOptions;
import io.whippet.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An in-process Whippet server on a loopback ephemeral port, with its data in one directory that
 * survives {@link #restart()}. Root is iggy/iggy ({@link ServerOptions#development()}); HTTP is on
 * (loopback, ephemeral port) for the HTTP flavours, QUIC is off. With {@code tls}, TCP is served
 * inside TLS with the {@link TestCertificate}. Owned by the test thread that created it; not
 * thread-safe.
 */
final class EmbeddedServer implements AutoCloseable {
    private final Path dataDir;
    private final boolean tls;
    private Map<String, String> extraEnvironment;
    private @Nullable Server server;

    private EmbeddedServer(Path dataDir, boolean tls, Map<String, String> extraEnvironment) {
        this.dataDir = dataDir;
        this.tls = tls;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /** Starts a server whose data lives in {@code dataDir} (created if missing, kept if present). */
    static EmbeddedServer start(Path dataDir) {
        return start(dataDir, false);
    }

    /** As {@link #start(Path)}, with extra {@code IGGY_*} variables that also apply to restarts. */
    static EmbeddedServer start(Path dataDir, Map<String, String> extraEnvironment) {
        var embedded = new EmbeddedServer(dataDir, false, extraEnvironment);
        embedded.startServer();
        return embedded;
    }

    /** As {@link #start(Path)}, serving TCP inside TLS when {@code tls} is set. */
    static EmbeddedServer start(Path dataDir, boolean tls) {
        var embedded = new EmbeddedServer(dataDir, tls, Map.of());
        embedded.startServer();
        return embedded;
    }

    private void startServer() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "IGGY_SYSTEM_PATH", dataDir.toString(),
                "IGGY_TCP_ADDRESS", "127.0.0.1:0",
                "IGGY_HTTP_ADDRESS", "127.0.0.1:0",
                "IGGY_QUIC_ENABLED", "false"));
        if (tls) {
            environment.put("IGGY_TCP_TLS_ENABLED", "true");
            environment.put("IGGY_TCP_TLS_CERT_FILE", TestCertificate.certFile().toString());
            environment.put("IGGY_TCP_TLS_KEY_FILE", TestCertificate.keyFile().toString());
        }
        environment.putAll(extraEnvironment);
        ServerConfig config = ServerConfig.load(null, environment);
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

    /** A clean shutdown, then a start with these extra variables instead of the previous ones. */
    void restart(Map<String, String> newExtraEnvironment) {
        stop();
        extraEnvironment = Map.copyOf(newExtraEnvironment);
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

    InetSocketAddress quicAddress() {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("server is stopped");
        }
        return running.quicAddress().orElseThrow();
    }

    @Override
    public void close() {
        stop();
    }
}
