package io.whippet.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.Payload;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SinkPipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private static String sink(String key, String pluginConfig, String delivery, String transforms) {
        return """
                type = "sink"
                key = "%s"
                enabled = true
                version = 0
                name = "test sink"
                path = "recording"

                [[streams]]
                stream = "orders"
                topics = ["new"]
                schema = "json"
                batch_length = 10
                poll_interval = "5ms"

                [plugin_config]
                %s

                [delivery]
                initial_backoff = "1ms"
                max_backoff = "5ms"
                %s
                %s
                """.formatted(key, pluginConfig, delivery, transforms);
    }

    private static List<String> jsonMessages(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"n\":" + i + "}").toList();
    }

    private static List<Integer> numbers(List<ConsumedMessage> delivered) {
        return delivered.stream()
                .map(m -> ((Payload.Json) m.payload()).value().get("n").asInt())
                .toList();
    }

    @Test
    void deliversEveryMessageDecodedWithItsMetadata() {
        String key = "plain-" + UUID.randomUUID();
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 1);
            fixture.send("orders", "new", jsonMessages(25));
            fixture.connector("sink.toml", sink(key, "", "", ""));
            fixture.start(false);
            RecordingSink.Recording recording = RecordingSink.of(key);
            RuntimeFixture.await(() -> recording.delivered.size() >= 25, WAIT, "25 messages");

            assertThat(numbers(recording.delivered))
                    .containsExactlyElementsOf(IntStream.range(0, 25).boxed().toList());
            assertThat(recording.delivered.getFirst().offset()).isZero();
            assertThat(recording.delivered.getFirst().timestampMicros()).isPositive();
            assertThat(recording.topics)
                    .allMatch(t -> t.stream().equals("orders") && t.topic().equals("new"));
        }
    }

    @Test
    void failedBatchIsRetriedAndTheOffsetIsStoredOnlyAfterSuccess() {
        String key = "retry-" + UUID.randomUUID();
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 1);
            fixture.send("orders", "new", jsonMessages(10));
            fixture.connector("sink.toml", sink(key, "fail_times = 3", "max_attempts = 10", ""));
            ConnectRuntime runtime = fixture.start(false);
            RecordingSink.Recording recording = RecordingSink.of(key);
            RuntimeFixture.await(() -> recording.delivered.size() >= 10, WAIT, "the batch after 3 failures");
            RuntimeFixture.await(() -> storedOffset(fixture, "iggy-connect-sink-" + key) == 9, WAIT, "stored offset 9");

            assertThat(recording.failures.get()).isEqualTo(3);
            assertThat(numbers(recording.delivered))
                    .containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
            assertThat(runtime.metrics().scrape())
                    .contains(
                            "iggy_connector_retries_total{connector_key=\"" + key + "\",connector_type=\"sink\"} 3.0");
        }
    }

    @Test
    void exhaustedRetriesStopTheConnectorWithoutMovingTheOffset() {
        String key = "stop-" + UUID.randomUUID();
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 1);
            fixture.send("orders", "new", jsonMessages(5));
            fixture.connector("sink.toml", sink(key, "fail_times = -1", "max_attempts = 3", ""));
            ConnectRuntime runtime = fixture.start(false);
            RuntimeFixture.await(
                    () -> runtime.connector(ConnectorType.SINK, key)
                                    .orElseThrow()
                                    .status()
                            == ConnectorStatus.ERROR,
                    WAIT,
                    "status error");

            ConnectorView view = runtime.connector(ConnectorType.SINK, key).orElseThrow();
            assertThat(view.lastError()).contains("failed 3 times").contains("planned failure 3");
            assertThat(RecordingSink.of(key).failures.get()).isEqualTo(3);
            assertThat(storedOffset(fixture, "iggy-connect-sink-" + key)).isEqualTo(-1);
        }
    }

    @Test
    void exhaustedRetriesSendTheBatchToTheDeadLetterTopicAndMoveOn() {
        String key = "dlq-" + UUID.randomUUID();
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 1);
            fixture.send("orders", "new", jsonMessages(4));
            fixture.connector(
                    "sink.toml", sink(key, "fail_times = -1", "max_attempts = 2\non_exhausted = \"dead_letter\"", ""));
            fixture.start(false);
            RuntimeFixture.await(() -> storedOffset(fixture, "iggy-connect-sink-" + key) == 3, WAIT, "offset 3");

            List<PolledMessage> letters = fixture.client
                    .pollMessages(new PollMessages(
                            Consumer.consumer(Identifier.of(1)),
                            Identifier.of("orders"),
                            Identifier.of("new_dlq"),
                            OptionalPartitionId.of(0),
                            new PollingStrategy.Offset(0),
                            100,
                            false))
                    .decodeMessages();
            assertThat(letters).hasSize(4);
            assertThat(new String(letters.getFirst().payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\":0}");
            assertThat(letters.getFirst().userHeaders().toString())
                    .contains("iggy_dlq_error")
                    .contains("planned failure 2");
        }
    }

    @Test
    void transformsRunInFileOrderAndFilteredOrUndecodableMessagesAreCounted() {
        String key = "transform-" + UUID.randomUUID();
        String transforms = """
                [transforms.add_fields]
                enabled = true
                fields = [{ key = "source", value.static = "whippet" }]

                [transforms.delete_fields]
                enabled = true
                fields = ["secret"]

                [transforms.update_fields]
                enabled = false
                fields = [{ key = "n", value = 0 }]
                """;
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 1);
            fixture.send("orders", "new", List.of("{\"n\":1,\"secret\":\"x\"}", "not json", "{\"n\":2}"));
            fixture.connector("sink.toml", sink(key, "", "", transforms));
            ConnectRuntime runtime = fixture.start(false);
            RecordingSink.Recording recording = RecordingSink.of(key);
            RuntimeFixture.await(() -> recording.delivered.size() >= 2, WAIT, "two messages");

            assertThat(recording.delivered)
                    .extracting(m -> ((Payload.Json) m.payload()).value().toString())
                    .containsExactly("{\"n\":1,\"source\":\"whippet\"}", "{\"n\":2,\"source\":\"whippet\"}");
            assertThat(runtime.metrics().scrape())
                    .contains("iggy_connector_errors_total{connector_key=\"" + key + "\",connector_type=\"sink\"} 1.0");
        }
    }

    @Test
    void aSinkThatFailsToOpenIsMarkedErrorAndStartsNoConsumer() {
        String key = "open-" + UUID.randomUUID();
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 1);
            fixture.connector("sink.toml", sink(key, "fail_open = true", "", ""));
            ConnectRuntime runtime = fixture.start(false);

            ConnectorView view = runtime.connector(ConnectorType.SINK, key).orElseThrow();
            assertThat(view.status()).isEqualTo(ConnectorStatus.ERROR);
            assertThat(view.lastError()).contains("fail_open");
            assertThat(fixture.client.consumerGroup(
                            Identifier.of("orders"), Identifier.of("new"), Identifier.of("iggy-connect-sink-" + key)))
                    .isEmpty();
        }
    }

    @Test
    void atMostOnceModeDropsAFailedBatchAsUpstreamDoes() {
        String key = "amo-" + UUID.randomUUID();
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 1);
            fixture.send("orders", "new", jsonMessages(10));
            fixture.connector("sink.toml", sink(key, "fail_times = 1", "mode = \"at_most_once\"", ""));
            fixture.start(false);
            RecordingSink.Recording recording = RecordingSink.of(key);
            RuntimeFixture.await(() -> storedOffset(fixture, "iggy-connect-sink-" + key) == 9, WAIT, "offset 9");
            fixture.send("orders", "new", List.of("{\"n\":10}"));
            RuntimeFixture.await(() -> recording.delivered.size() >= 1, WAIT, "the next message");

            assertThat(numbers(recording.delivered)).containsExactly(10);
        }
    }

    /**
     * The next batch of a partition is read while the current one is delivered (and retried):
     * every message still arrives exactly once when nothing is lost, in offset order within each
     * partition, and every partition's offset ends stored.
     */
    @Test
    void readAheadKeepsOrderPerPartitionAcrossRetriesAndStoresEveryOffset() {
        String key = "ahead-" + UUID.randomUUID();
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 3);
            List<String> all = jsonMessages(300);
            for (int part = 0; part < 3; part++) { // balanced: one send call per partition
                fixture.send("orders", "new", all.subList(part * 100, part * 100 + 100));
            }
            fixture.connector("sink.toml", sink(key, "fail_times = 4", "", ""));
            fixture.start(false);
            RecordingSink.Recording recording = RecordingSink.of(key);
            String group = "iggy-connect-sink-" + key;
            RuntimeFixture.await(
                    () -> IntStream.range(0, 3).allMatch(p -> storedOffset(fixture, group, p) == 99),
                    WAIT,
                    "offset 99 stored on every partition");

            List<Integer> numbers = numbers(recording.delivered);
            assertThat(numbers).hasSize(300).doesNotHaveDuplicates();
            for (int part = 0; part < 3; part++) {
                int first = part * 100;
                assertThat(numbers.stream().filter(n -> n >= first && n < first + 100))
                        .isSorted()
                        .hasSize(100);
            }
            assertThat(recording.failures.get()).isEqualTo(4);
        }
    }

    static long storedOffset(RuntimeFixture fixture, String group) {
        return storedOffset(fixture, group, 0);
    }

    static long storedOffset(RuntimeFixture fixture, String group, long partitionId) {
        try {
            return fixture.client
                    .consumerOffset(
                            Consumer.group(Identifier.of(group)),
                            Identifier.of("orders"),
                            Identifier.of("new"),
                            OptionalPartitionId.of(partitionId))
                    .map(info -> info.storedOffset())
                    .orElse(-1L);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
