package io.whippet.connectors.http;

import io.whippet.client.BlockingClient;
import io.whippet.client.Message;
import io.whippet.client.tcp.TcpClient;
import io.whippet.connectors.runtime.ConnectRuntime;
import io.whippet.connectors.runtime.RuntimeConfig;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Test plumbing: a real server, a client, and a connector runtime over config files in a temp dir. */
final class Pipeline implements AutoCloseable {
    final EmbeddedServer server;
    final BlockingClient client;
    private final List<ConnectRuntime> runtimes = new ArrayList<>();

    Pipeline(Path root) {
        server = EmbeddedServer.start(root.resolve("server"));
        client = new BlockingClient(TcpClient.connect(server.connectionString()));
    }

    void topic(String stream, String topic) {
        if (client.stream(Identifier.of(stream)).isEmpty()) {
            client.createStream(stream);
        }
        client.createTopic(new CreateTopic(Identifier.of(stream), 1, CompressionAlgorithm.NONE, 0, 0, 0, topic));
    }

    /** Sends messages {@code {"seq": from..from+count-1, "pad": "..."}} of {@code sizeBytes} each, in batches. */
    void sendSequence(String stream, String topic, long from, int count, int sizeBytes) {
        List<Message> batch = new ArrayList<>();
        for (long seq = from; seq < from + count; seq++) {
            String head = "{\"seq\":" + seq + ",\"pad\":\"";
            char[] pad = new char[Math.max(0, sizeBytes - head.length() - 2)];
            Arrays.fill(pad, 'x');
            batch.add(Message.of(head + new String(pad) + "\"}"));
            if (batch.size() == 1000) {
                client.sendMessages(Identifier.of(stream), Identifier.of(topic), Partitioning.balanced(), batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            client.sendMessages(Identifier.of(stream), Identifier.of(topic), Partitioning.balanced(), batch);
        }
    }

    ConnectRuntime start(Path root, String connectorToml) {
        Path configDir = root.resolve("connectors-" + runtimes.size());
        try {
            Files.createDirectories(configDir);
            Files.writeString(configDir.resolve("sink.toml"), connectorToml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConnectRuntime runtime = ConnectRuntime.start(
                RuntimeConfig.load(
                        null,
                        Map.of(
                                "IGGY_CONNECTORS_IGGY_ADDRESS",
                                server.host() + ":" + server.tcpPort(),
                                "IGGY_CONNECTORS_CONNECTORS_CONFIG_DIR",
                                configDir.toString(),
                                "IGGY_CONNECTORS_STATE_PATH",
                                root.resolve("state").toString(),
                                "IGGY_CONNECTORS_HTTP_ENABLED",
                                "false")),
                Map.of());
        runtimes.add(runtime);
        return runtime;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    @Override
    public void close() {
        runtimes.forEach(ConnectRuntime::close);
        client.close();
        server.close();
    }
}
