package io.whippet.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SourcePipelineTest {
    @TempDir
    Path root;

    private static final String SOURCE = """
            type = "source"
            key = "gen"
            enabled = true
            version = 0
            name = "random"
            path = "random"

            [[streams]]
            stream = "gen"
            topic = "out"
            schema = "json"

            [plugin_config]
            interval = "1ms"
            max_count = %d
            messages_range = [7, 7]
            payload_size = 10

            [transforms.add_fields]
            enabled = true
            fields = [{ key = "via", value.static = "whippet" }]
            """;

    private static List<PolledMessage> all(RuntimeFixture fixture) {
        List<PolledMessage> messages = new ArrayList<>();
        try {
            messages.addAll(fixture.client
                    .pollMessages(new PollMessages(
                            Consumer.consumer(Identifier.of(1)),
                            Identifier.of("gen"),
                            Identifier.of("out"),
                            OptionalPartitionId.of(0),
                            new PollingStrategy.Offset(0),
                            1000,
                            false))
                    .decodeMessages());
        } catch (RuntimeException e) {
            // not there yet
        }
        return messages;
    }

    @Test
    void sourceBatchesAreTransformedSentAndTheirStateSavedThenResumedAfterRestart() throws Exception {
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("gen", "out", 1);
            fixture.connector("source.toml", SOURCE.formatted(21));
            ConnectRuntime runtime = fixture.start(false);
            RuntimeFixture.await(() -> all(fixture).size() == 21, Duration.ofSeconds(20), "21 messages");
            Path state = root.resolve("state").resolve("source_gen.state");
            RuntimeFixture.await(
                    () -> Files.isRegularFile(state)
                            && ByteBuffer.wrap(read(state)).getLong() == 21,
                    Duration.ofSeconds(20),
                    "state 21");

            String first = new String(all(fixture).getFirst().payload(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(first).contains("\"seq\":0").contains("\"via\":\"whippet\"");

            fixture.connector("source.toml", SOURCE.formatted(35));
            runtime.restart(ConnectorType.SOURCE, "gen");
            RuntimeFixture.await(() -> all(fixture).size() == 35, Duration.ofSeconds(20), "35 messages");
            String last = new String(all(fixture).getLast().payload(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(last).contains("\"seq\":34");
            assertThat(runtime.metrics().scrape())
                    .contains(
                            "iggy_connector_messages_sent_total{connector_key=\"gen\",connector_type=\"source\"} 35.0");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            return new byte[8];
        }
    }
}
