package io.whippet.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.whippet.connectors.runtime.ConnectRuntime;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.PollMessages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The HTTP sink inside the runtime, between a real server and a WireMock endpoint. */
@Timeout(180)
class HttpSinkEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger STREAMS = new AtomicInteger();

    @TempDir
    static Path root;

    private static Pipeline pipeline;

    @BeforeAll
    static void startServer() {
        pipeline = new Pipeline(root);
    }

    @AfterAll
    static void stopServer() {
        pipeline.close();
    }

    private static String connector(String stream, String topics, String url, String pluginConfig, String delivery) {
        return """
                type = "sink"
                key = "http_%s"
                enabled = true
                version = 0
                name = "http sink"
                path = "http"

                [[streams]]
                stream = "%s"
                topics = [%s]
                schema = "json"
                batch_length = 1000
                poll_interval = "5ms"

                [plugin_config]
                url = "%s"
                retry_delay = "50ms"
                max_retry_delay = "500ms"
                %s

                [delivery]
                initial_backoff = "50ms"
                max_backoff = "1s"
                %s
                """.formatted(stream, stream, topics, url, pluginConfig, delivery);
    }

    private static String newStream() {
        return "s" + STREAMS.incrementAndGet();
    }

    @ParameterizedTest
    @EnumSource(BatchMode.class)
    void everyBatchModeDeliversEveryMessage(BatchMode mode) {
        String stream = newStream();
        pipeline.topic(stream, "events");
        pipeline.sendSequence(stream, "events", 0, 250, 100);
        try (Endpoint endpoint = new Endpoint(true)) {
            String name = mode.name().toLowerCase(Locale.ROOT);
            pipeline.start(root, connector(stream, "\"events\"", endpoint.url(), "batch_mode = \"" + name + "\"", ""));
            Pipeline.await(() -> endpoint.sequences.size() == 250, WAIT, "250 messages in " + name + " mode");

            assertThat(endpoint.sequences)
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.range(0, 250).boxed().toList());
            if (mode != BatchMode.RAW) {
                assertThat(endpoint.distinctIds()).isEqualTo(250);
            }
            long expectedRequests = mode.perMessage ? 250 : 1;
            assertThat(endpoint.requests.get()).isGreaterThanOrEqualTo(expectedRequests);
        }
    }

    @Test
    void oneConnectorDeliversSeveralTopicsEachNamedInItsMetadata() {
        String stream = newStream();
        pipeline.topic(stream, "a");
        pipeline.topic(stream, "b");
        pipeline.sendSequence(stream, "a", 0, 50, 100);
        pipeline.sendSequence(stream, "b", 1000, 50, 100);
        try (Endpoint endpoint = new Endpoint(true)) {
            pipeline.start(
                    root,
                    connector(
                            stream,
                            "\"a\", \"b\"",
                            endpoint.url(),
                            "batch_mode = \"json_array\"\ninclude_checksum = true",
                            ""));
            Pipeline.await(() -> endpoint.sequences.size() == 100, WAIT, "100 messages from two topics");

            assertThat(endpoint.sequences).contains(0L, 49L, 1000L, 1049L);
        }
    }

    @Test
    void metadataCanBeTurnedOff() {
        String stream = newStream();
        pipeline.topic(stream, "events");
        pipeline.sendSequence(stream, "events", 0, 20, 60);
        try (Endpoint endpoint = new Endpoint(true)) {
            pipeline.start(
                    root,
                    connector(
                            stream,
                            "\"events\"",
                            endpoint.url(),
                            "batch_mode = \"ndjson\"\ninclude_metadata = false",
                            ""));
            Pipeline.await(() -> endpoint.sequences.size() == 20, WAIT, "20 bare payloads");

            assertThat(endpoint.distinctIds()).isZero(); // no envelope, so no iggy_id
        }
    }

    @Test
    void serviceUnavailableIsRetriedHonouringRetryAfterThenDelivered() {
        String stream = newStream();
        pipeline.topic(stream, "events");
        pipeline.sendSequence(stream, "events", 0, 30, 100);
        try (Endpoint endpoint = new Endpoint(true)) {
            endpoint.server.stubFor(any(anyUrl())
                    .inScenario("outage")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
                    .willSetStateTo("recovering"));
            endpoint.server.stubFor(any(anyUrl())
                    .inScenario("outage")
                    .whenScenarioStateIs("recovering")
                    .willReturn(aResponse().withStatus(503))
                    .willSetStateTo("up"));
            endpoint.server.stubFor(any(anyUrl())
                    .inScenario("outage")
                    .whenScenarioStateIs("up")
                    .willReturn(aResponse().withStatus(200)));
            ConnectRuntime runtime = pipeline.start(
                    root, connector(stream, "\"events\"", endpoint.url(), "batch_mode = \"ndjson\"", ""));
            Pipeline.await(() -> endpoint.sequences.size() == 30, WAIT, "30 messages after two 503s");

            assertThat(endpoint.duplicates()).isZero();
            Pipeline.await(
                    () -> pluginCounter(runtime, stream, "http_messages_delivered") == 30,
                    WAIT,
                    "30 counted delivered");
            assertThat(pluginCounter(runtime, stream, "http_retries")).isEqualTo(2);
            assertThat(pluginCounter(runtime, stream, "http_send_attempts")).isEqualTo(1);
            assertThat(pluginCounter(runtime, stream, "http_errors")).isZero();
        }
    }

    /** A plugin counter of the connector of {@code stream} as the Prometheus scrape shows it. */
    private static long pluginCounter(ConnectRuntime runtime, String stream, String name) {
        String prefix = "iggy_connector_plugin_" + name + "_total{connector_key=\"http_" + stream
                + "\",connector_type=\"sink\"} ";
        return runtime.metrics()
                .scrape()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(prefix.length())))
                .findFirst()
                .orElse(-1);
    }

    @Test
    void badRequestIsNotRetriedAndTheBatchGoesToTheDeadLetterTopic() {
        String stream = newStream();
        pipeline.topic(stream, "events");
        pipeline.sendSequence(stream, "events", 0, 10, 100);
        try (Endpoint endpoint = new Endpoint(true)) {
            endpoint.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)));
            ConnectRuntime runtime = pipeline.start(
                    root,
                    connector(
                            stream,
                            "\"events\"",
                            endpoint.url(),
                            "batch_mode = \"ndjson\"",
                            "max_attempts = 1\non_exhausted = \"dead_letter\""));
            Pipeline.await(() -> deadLetters(stream).size() == 10, WAIT, "10 dead letters");

            assertThat(endpoint.allRequests.get()).isEqualTo(1); // one ndjson request, never retried
            assertThat(endpoint.requests.get()).isZero(); // nothing accepted
            assertThat(pluginCounter(runtime, stream, "http_errors")).isEqualTo(10); // one per message
            assertThat(pluginCounter(runtime, stream, "http_send_attempts")).isEqualTo(1);
            assertThat(pluginCounter(runtime, stream, "http_retries")).isZero();
            assertThat(pluginCounter(runtime, stream, "http_messages_delivered"))
                    .isZero();
        }
    }

    private static List<?> deadLetters(String stream) {
        try {
            return pipeline.client
                    .pollMessages(new PollMessages(
                            Consumer.consumer(Identifier.of(1)),
                            Identifier.of(stream),
                            Identifier.of("events_dlq"),
                            OptionalPartitionId.of(0),
                            new PollingStrategy.Offset(0),
                            100,
                            false))
                    .decodeMessages();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Test
    void endpointDownForThreeSecondsLosesNothing() throws InterruptedException {
        outage(20_000, Duration.ofSeconds(3));
    }

    @Test
    @Tag("slow")
    void endpointDownForTenSecondsInTheMiddleOfOneHundredThousandMessagesLosesNothing() throws InterruptedException {
        outage(100_000, Duration.ofSeconds(10));
    }

    /**
     * Produces {@code count} messages of 200 B while the sink runs; a third of the way in the
     * endpoint goes away for {@code outage}, then comes back. Every seq must arrive; duplicates (by
     * iggy_id) are counted and printed.
     */
    private void outage(int count, Duration outage) throws InterruptedException {
        String stream = newStream();
        pipeline.topic(stream, "events");
        try (Endpoint endpoint = new Endpoint(true)) {
            ConnectRuntime runtime = pipeline.start(
                    root,
                    connector(
                            stream,
                            "\"events\"",
                            endpoint.url(),
                            "batch_mode = \"ndjson\"\nmax_retries = 2",
                            "max_attempts = 0"));
            Thread producer = Thread.ofPlatform().start(() -> {
                for (int from = 0; from < count; from += 1_000) {
                    pipeline.sendSequence(stream, "events", from, Math.min(1_000, count - from), 200);
                }
            });
            Pipeline.await(() -> endpoint.sequences.size() >= count / 3, WAIT, "a third delivered");
            endpoint.down();
            Thread.sleep(outage); // the outage itself, not a wait for a result
            endpoint.up();
            producer.join();
            Pipeline.await(() -> endpoint.sequences.size() == count, Duration.ofSeconds(150), "all " + count);

            assertThat(endpoint.sequences).hasSize(count);
            assertThat(endpoint.sequences).allMatch(seq -> seq >= 0 && seq < count);
            assertThat(endpoint.distinctIds()).isEqualTo(count);
            String metrics = runtime.metrics().scrape();
            System.out.printf(
                    "outage %d s over %d messages: all delivered, %d duplicates (%d lines received), retries:%n%s%n",
                    outage.toSeconds(),
                    count,
                    endpoint.duplicates(),
                    endpoint.lines.get(),
                    metrics.lines().filter(l -> l.contains("retries_total{")).toList());
        }
    }
}
