package io.whippet.connectors.runtime;

import io.whippet.client.BlockingClient;
import io.whippet.client.Message;
import io.whippet.client.tcp.TcpClient;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.testing.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** A real server, a client for the test, and a runtime started over connector files in a temp dir. */
final class RuntimeFixture implements AutoCloseable {
    final EmbeddedServer server;
    final BlockingClient client;
    final Path root;
    final Path configDir;
    private @Nullable ConnectRuntime runtime;

    RuntimeFixture(Path root) {
        this.root = root;
        this.server = EmbeddedServer.start(root.resolve("server"));
        this.client = new BlockingClient(TcpClient.connect(server.connectionString()));
        this.configDir = root.resolve("connectors");
    }

    void topic(String stream, String topic, int partitions) {
        if (client.stream(Identifier.of(stream)).isEmpty()) {
            client.createStream(stream);
        }
        client.createTopic(
                new CreateTopic(Identifier.of(stream), partitions, CompressionAlgorithm.NONE, 0, 0, 0, topic));
    }

    void connector(String fileName, String toml) {
        try {
            Files.createDirectories(configDir);
            Files.writeString(configDir.resolve(fileName), toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String stream, String topic, List<String> payloads) {
        List<Message> messages = new ArrayList<>();
        for (String payload : payloads) {
            messages.add(Message.of(payload));
        }
        client.sendMessages(Identifier.of(stream), Identifier.of(topic), Partitioning.balanced(), messages);
    }

    ConnectRuntime start(boolean api) {
        RuntimeConfig config = RuntimeConfig.load(
                null,
                Map.of(
                        "IGGY_CONNECTORS_IGGY_ADDRESS", server.host() + ":" + server.tcpPort(),
                        "IGGY_CONNECTORS_CONNECTORS_CONFIG_DIR", configDir.toString(),
                        "IGGY_CONNECTORS_STATE_PATH", root.resolve("state").toString(),
                        "IGGY_CONNECTORS_HTTP_ENABLED", String.valueOf(api),
                        "IGGY_CONNECTORS_HTTP_ADDRESS", "127.0.0.1:0"));
        runtime = ConnectRuntime.start(config, Map.of());
        return runtime;
    }

    ConnectRuntime runtime() {
        return java.util.Objects.requireNonNull(runtime, "start() first");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    @Override
    public void close() {
        ConnectRuntime started = runtime;
        if (started != null) {
            started.close();
        }
        client.close();
        server.close();
    }
}
