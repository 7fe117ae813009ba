package io.whippet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.command.Reply;
import io.whippet.server.command.Session;
import io.whippet.server.config.ServerConfig;
import io.whippet.server.quic.ngtcp2.NativeQuic;
import io.whippet.server.quic.ngtcp2.NgQuicServer;
import io.whippet.server.tcp.FrameLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Iggy's Rust SDK connects over QUIC with quinn + rustls and sends no ALPN. This test builds a
 * client set up the same way ({@code src/test/rust/iggy-quic-probe}: quinn 0.9, rustls, no ALPN,
 * server name {@code localhost}) and runs it against the server: handshake, ping, login, 32
 * requests in flight on one connection, a 1 MB poll walked message by message, a refused login.
 *
 * <p>The probe builds offline from Debian's packaged crates ({@code librust-quinn-dev},
 * {@code librust-rustls-dev}, {@code librust-tokio-dev}, which {@code .ci/run} installs); the test
 * is skipped where those, cargo, or the ngtcp2 engine's library are missing. The quiche engine
 * must refuse the same client, which shows what the ngtcp2 engine is for.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class IggyRustQuicClientTest {
    private static final Path SOURCES = Path.of("src/test/rust/iggy-quic-probe");
    private static final Path DEBIAN_CRATES = Path.of("/usr/share/cargo/registry");
    private static final String STREAM = "rust-probe";
    private static final String TOPIC = "events";
    private static final int MESSAGES = 1000;
    private static final int PAYLOAD_BYTES = 1000;

    private static Path probe = Path.of("");

    @BeforeAll
    static void buildProbe() throws IOException, InterruptedException {
        assumeTrue(NativeQuic.load() instanceof NativeQuic.Available, () -> "no ngtcp2 engine: " + NativeQuic.load());
        Optional<Path> cargo = cargo();
        assumeTrue(cargo.isPresent(), "cargo is not installed");
        assumeTrue(
                Files.isDirectory(DEBIAN_CRATES.resolve("quinn-0.9.3")),
                "Debian's librust-quinn-dev (quinn 0.9.3) is not installed");
        // Built from a copy so that cargo's lock file stays out of the source tree.
        Path work = Path.of("target/rust/iggy-quic-probe");
        Files.createDirectories(work.resolve("src"));
        Files.copy(
                SOURCES.resolve("Cargo.toml"),
                work.resolve("Cargo.toml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                SOURCES.resolve("src/main.rs"),
                work.resolve("src/main.rs"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Result build = run(
                List.of(
                        cargo.get().toString(),
                        "--config",
                        "source.crates-io.replace-with=\"debian\"",
                        "--config",
                        "source.debian.directory=\"" + DEBIAN_CRATES + "\"",
                        "build",
                        "--offline",
                        "--quiet"),
                work,
                300);
        assertThat(build.exitCode()).as("cargo build:\n%s", build.output()).isZero();
        probe = work.resolve("target/debug/iggy-quic-probe").toAbsolutePath();
    }

    @Test
    void aClientWithoutAlpnLogsInPollsAndRunsManyRequestsAtOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedServer server = startWithQuic(dir, "ngtcp2")) {
            fill(server);
            Result result = runProbe(server.quicAddress());

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output())
                    .contains("ok handshake alpn=None")
                    .contains("ok ping")
                    .contains("ok login user_id=0")
                    .contains("ok concurrent pings=32")
                    .contains("ok poll count=" + MESSAGES + " payload_bytes=" + MESSAGES * PAYLOAD_BYTES)
                    .contains("ok bad-login status=42");
        }
    }

    @Test
    void aClientOfferingAlpnIggyGetsIt(@TempDir Path dir) throws Exception {
        try (EmbeddedServer server = startWithQuic(dir, "ngtcp2")) {
            fill(server);
            Result result = runProbe(server.quicAddress(), "--alpn", "iggy");

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output())
                    .contains("ok handshake alpn=Some(\"iggy\")")
                    .contains("ok poll count=1000");
        }
    }

    @Test
    void theQuicheEngineRefusesAClientWithoutAlpn(@TempDir Path dir) throws Exception {
        try (EmbeddedServer server = startWithQuic(dir, "quiche")) {
            Result result = runProbe(server.quicAddress());

            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).contains("FAIL handshake");
        }
    }

    /**
     * Streams that send a request header and then nothing would each make the server allocate the
     * declared payload, up to 10,000 streams per connection: the budget holds 4 logins of 64 KiB
     * before login and 2 batches of 64 MiB after it, refuses the rest at once (InvalidCommand) and
     * the connection goes on. Both engines; quiche needs ALPN.
     */
    @ParameterizedTest
    @CsvSource({"ngtcp2,,4", "ngtcp2,--login,2", "quiche,,4", "quiche,--login,2"})
    void streamsThatOnlyDeclareLargeRequestsAreHeldToTheConnectionsBudget(
            String engine, @Nullable String login, int held, @TempDir Path dir) throws Exception {
        int streams = 40;
        try (EmbeddedServer server = startWithQuic(dir, engine)) {
            List<String> args = new ArrayList<>(List.of("--alpn", "iggy", "--held-headers", String.valueOf(streams)));
            if (login != null) {
                args.add(login);
            }
            Result result = runProbe(server.quicAddress(), args.toArray(String[]::new));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output())
                    .contains("ok held-headers held=" + held + " refused=" + (streams - held) + " statuses={3}")
                    .contains("ok ping-after-held");
        }
    }

    /**
     * Hundreds of connections at once: each datagram must still reach its own connection (the
     * ngtcp2 engine routes by hashed connection id and writes only connections with work), so a
     * ping on every one of them is answered.
     */
    @Test
    void manyConnectionsAtOnceEachGetTheirOwnReplies(@TempDir Path dir) throws Exception {
        int connections = 300;
        try (EmbeddedServer server = startWithQuic(dir, "ngtcp2")) {
            Result result = runProbe(server.quicAddress(), "--idle-connections", String.valueOf(connections));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output())
                    .contains("idle_connections=" + connections)
                    .contains("ok idle-pings=" + connections);
        }
    }

    /**
     * A failure while handling one connection's event (here its client registration throws) closes
     * that connection; the endpoint, shared by every client, goes on. Before, the endpoint thread
     * ended and no client could connect until a restart.
     */
    @Test
    void aConnectionWhoseEventFailsIsClosedAndTheNextClientIsServed(@TempDir Path dir) throws Exception {
        AtomicInteger connects = new AtomicInteger();
        CommandProcessor processor = new CommandProcessor() {
            @Override
            public Reply process(Session session, int code, ByteBuffer payload) {
                return code == CommandCode.PING.code()
                        ? Reply.ok(ByteBuffer.allocate(0))
                        : Reply.error(ErrorCode.INVALID_COMMAND, "only ping here");
            }

            @Override
            public void connected(Session session) {
                if (connects.incrementAndGet() == 1) {
                    throw new IllegalStateException("injected: the first client cannot be registered");
                }
            }

            @Override
            public void disconnected(Session session) {}
        };
        NativeQuic.Available available = (NativeQuic.Available) NativeQuic.load();
        ServerConfig.QuicConfig config = ServerConfig.load(
                        null, Map.of("IGGY_QUIC_ENABLED", "true", "IGGY_QUIC_ADDRESS", "127.0.0.1:0"))
                .quic();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                NgQuicServer server = NgQuicServer.start(
                        available.library(),
                        config,
                        dir,
                        FrameLimits.defaults(),
                        processor,
                        executor,
                        Clock.systemUTC())) {
            Result first = runProbe(server.localAddress(), "--idle-connections", "0");
            Result second = runProbe(server.localAddress(), "--idle-connections", "0");

            assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
            assertThat(second.exitCode()).as(second.output()).isZero();
            assertThat(second.output()).contains("ok pings=200");
        }
    }

    private static EmbeddedServer startWithQuic(Path dir, String engine) {
        return EmbeddedServer.start(
                dir,
                Map.of("IGGY_QUIC_ENABLED", "true", "IGGY_QUIC_ADDRESS", "127.0.0.1:0", "IGGY_QUIC_ENGINE", engine));
    }

    /** A stream and topic with {@link #MESSAGES} messages of {@link #PAYLOAD_BYTES}, sent over TCP. */
    private static void fill(EmbeddedServer server) {
        IggyBaseClient client = ClientFlavour.BLOCKING_TCP.login(server.tcpAddress(), "iggy", "iggy", 1);
        try {
            client.streams().createStream(STREAM);
            Sdk.createTopic(client, 0, 1, TOPIC);
            String payload = "x".repeat(PAYLOAD_BYTES);
            for (int batch = 0; batch < MESSAGES / 100; batch++) {
                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    messages.add(Message.of(payload));
                }
                client.messages().sendMessages(Sdk.stream(0), Sdk.topic(0), Partitioning.partitionId(0L), messages);
            }
        } finally {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Closing a test client: nothing to assert.
                }
            }
        }
    }

    private static Result runProbe(InetSocketAddress quic, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(probe.toString(), "127.0.0.1:" + quic.getPort(), STREAM, TOPIC));
        command.addAll(List.of(extra));
        return run(command, Path.of("."), 60);
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Path directory, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("probe", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Optional<Path> cargo() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, "cargo"));
        Stream<Path> rustup = Stream.of(Path.of(System.getProperty("user.home"), ".cargo", "bin", "cargo"));
        return Stream.concat(onPath, rustup).filter(Files::isExecutable).findFirst();
    }
}
