package io.whippet.testing;

import io.whippet.server.Server;
import io.whippet.server.ServerOptions;
import io.whippet.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real server started in-process: TCP on 127.0.0.1 with an ephemeral port, HTTP and QUIC off
 * (QUIC on with {@link #QUIC_ON}),
 * root user {@code iggy}/{@code iggy}, data in a directory of its own. Closing it stops the server
 * and, when the directory was created here, deletes it.
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.start()) {
 *     TcpClient client = TcpClient.connect(server.connectionString());
 * }
 * }</pre>
 *
 * <p>{@link #startWithTls()} serves TCP inside TLS with the server's self-signed {@code localhost}
 * certificate; {@link #connectionString()} then names that certificate as the client's CA file.
 *
 * Thread-safe to read from any thread; start and close from one.
 */
public final class EmbeddedServer implements AutoCloseable {
    public static final String ROOT_USERNAME = ServerOptions.DEFAULT_ROOT_USERNAME;
    public static final String ROOT_PASSWORD = ServerOptions.DEFAULT_ROOT_PASSWORD;

    private final Server server;
    private final Path dataDirectory;
    private final boolean ownsDirectory;

    private EmbeddedServer(Server server, Path dataDirectory, boolean ownsDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.ownsDirectory = ownsDirectory;
    }

    /** Starts a server in a fresh temporary directory, deleted on close. */
    public static EmbeddedServer start() {
        try {
            return start(Files.createTempDirectory("whippet-embedded-"), true, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server in a fresh temporary directory (deleted on close) with extra configuration
     * variables, e.g. {@link #QUIC_ON}.
     */
    public static EmbeddedServer start(Map<String, String> environment) {
        try {
            return start(Files.createTempDirectory("whippet-embedded-"), true, environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a TLS-only TCP server (self-signed certificate) in a fresh temporary directory. */
    public static EmbeddedServer startWithTls() {
        return start(Map.of("IGGY_TCP_TLS_ENABLED", "true"));
    }

    /** Variables that turn QUIC on, on an ephemeral loopback UDP port with a self-signed certificate. */
    public static final Map<String, String> QUIC_ON =
            Map.of("IGGY_QUIC_ENABLED", "true", "IGGY_QUIC_ADDRESS", "127.0.0.1:0");

    /** Starts a server on {@code dataDirectory} (kept on close), e.g. a JUnit {@code @TempDir}. */
    public static EmbeddedServer start(Path dataDirectory) {
        return start(dataDirectory, false, Map.of());
    }

    /**
     * Starts a server with extra configuration variables, e.g. {@code IGGY_SYSTEM_SEGMENT_SIZE};
     * the test defaults (loopback TCP on port 0, no HTTP, no QUIC) apply unless overridden.
     * {@code IGGY_TCP_TLS_ENABLED=true} turns TLS on with the self-signed certificate.
     */
    public static EmbeddedServer start(Path dataDirectory, boolean deleteOnClose, Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>();
        variables.put("IGGY_SYSTEM_PATH", dataDirectory.toString());
        variables.put("IGGY_TCP_ADDRESS", "127.0.0.1:0");
        variables.put("IGGY_HTTP_ENABLED", "false");
        variables.put("IGGY_QUIC_ENABLED", "false");
        variables.putAll(environment);
        try {
            Server server = Server.start(ServerConfig.load(null, variables), ServerOptions.development());
            return new EmbeddedServer(server, dataDirectory, deleteOnClose);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded server in " + dataDirectory, e);
        }
    }

    public Server server() {
        return server;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public InetSocketAddress tcpAddress() {
        return server.tcpAddress().orElseThrow(() -> new IllegalStateException("tcp is disabled"));
    }

    public String host() {
        return tcpAddress().getAddress().getHostAddress();
    }

    public int tcpPort() {
        return tcpAddress().getPort();
    }

    public InetSocketAddress quicAddress() {
        return server.quicAddress().orElseThrow(() -> new IllegalStateException("quic is disabled"));
    }

    /**
     * {@code iggy+quic://iggy:iggy@127.0.0.1:PORT?tls_validate_certificate=false}: the root user
     * over QUIC, trusting the server's self-signed certificate.
     */
    public String quicConnectionString() {
        return "iggy+quic://" + ROOT_USERNAME + ":" + ROOT_PASSWORD + "@" + host() + ":"
                + quicAddress().getPort() + "?tls_validate_certificate=false";
    }

    /** Whether TCP is served inside TLS. */
    public boolean tls() {
        return server.config().tcp().tls().enabled();
    }

    /**
     * The PEM certificate a TLS client should trust: the self-signed one in the data directory, or
     * the configured {@code cert_file}.
     */
    public Path tlsCertificate() {
        var tls = server.config().tcp().tls();
        if (!tls.enabled()) {
            throw new IllegalStateException("tcp.tls is disabled");
        }
        return tls.certFile().isBlank()
                ? server.config().system().path().resolve("certs").resolve("self-signed-cert.pem")
                : Path.of(tls.certFile());
    }

    /**
     * {@code iggy://iggy:iggy@127.0.0.1:PORT}: the root user on this server; with TLS on, plus
     * {@code ?tls=true&tls_domain=localhost&tls_ca_file=CERT}.
     */
    public String connectionString() {
        String plain = "iggy://" + ROOT_USERNAME + ":" + ROOT_PASSWORD + "@" + host() + ":" + tcpPort();
        if (!tls()) {
            return plain;
        }
        return plain + "?tls=true&tls_domain=localhost&tls_ca_file="
                + URLEncoder.encode(tlsCertificate().toString(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
        if (ownsDirectory) {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
