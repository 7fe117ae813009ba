package io.whippet.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.connectors.runtime.ConnectRuntime;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of the HTTP sink in ndjson mode: {@code whippet.throughput.messages} (default 300,000)
 * messages of 200 B are stored first, then a runtime drains them into a local endpoint (the JDK HTTP server, counting lines) and
 * the rate is printed. Tagged slow; run with {@code -Dconnectors.excludedGroups= -Dtest=HttpSinkThroughputTest}.
 */
@Tag("slow")
@Timeout(600)
class HttpSinkThroughputTest {
    @TempDir
    Path root;

    @Test
    void ndjsonDeliversTwoHundredByteMessagesToALocalEndpoint() {
        int count = Integer.getInteger("whippet.throughput.messages", 300_000);
        try (Pipeline pipeline = new Pipeline(root);
                CountingEndpoint endpoint = new CountingEndpoint()) {
            pipeline.topic("bench", "events");
            pipeline.sendSequence("bench", "events", 0, count, 200);
            long start = System.nanoTime();
            ConnectRuntime runtime = pipeline.start(root, """
                    type = "sink"
                    key = "http_bench"
                    enabled = true
                    version = 0
                    name = "http bench"
                    path = "http"

                    [[streams]]
                    stream = "bench"
                    topics = ["events"]
                    schema = "json"
                    batch_length = 2000

                    [plugin_config]
                    url = "%s"
                    batch_mode = "ndjson"
                    """.formatted(endpoint.url()));
            Pipeline.await(() -> endpoint.lines.get() > 0, Duration.ofSeconds(120), "the first request");
            long firstNanos = System.nanoTime();
            long firstLines = endpoint.lines.get();
            Pipeline.await(() -> endpoint.lines.get() >= count, Duration.ofSeconds(500), count + " messages");
            long endNanos = System.nanoTime();
            double seconds = (endNanos - start) / 1e9;
            double steadySeconds = (endNanos - firstNanos) / 1e9;
            System.out.printf(
                    "http sink ndjson: %d messages of 200 B in %.2f s from runtime start = %.0f messages/s;"
                            + " after the first request %d messages in %.2f s = %.0f messages/s (%d requests)%n",
                    count,
                    seconds,
                    count / seconds,
                    count - firstLines,
                    steadySeconds,
                    (count - firstLines) / steadySeconds,
                    endpoint.requests.get());
            runtime.metrics()
                    .scrape()
                    .lines()
                    .filter(line -> line.startsWith("iggy_connector_stage_duration_seconds_sum")
                            || line.startsWith("iggy_connector_stage_duration_seconds_count"))
                    .forEach(System.out::println);
            assertThat(endpoint.lines.get()).isEqualTo(count);
            assertThat(runtime).isNotNull();
        }
    }
}
