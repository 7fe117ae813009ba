package io.whippet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(120)
class BenchRunnerTest {
    private static BenchParams params(String... args) {
        BenchMain main = new BenchMain();
        new CommandLine(main).parseArgs(args);
        return main.params();
    }

    @Test
    void pinnedProducerAndConsumerMoveEveryMessageAndMeasureEachBatch() throws Exception {
        BenchReport report = BenchRunner.run(params(
                "ppc",
                "--server",
                "embedded",
                "--producers",
                "2",
                "--consumers",
                "2",
                "-b",
                "10",
                "-P",
                "50",
                "-m",
                "100"));
        assertThat(report.groups())
                .extracting(GroupSummary::role)
                .containsExactly(ActorRole.PRODUCER, ActorRole.CONSUMER);
        for (GroupSummary group : report.groups()) {
            assertThat(group.messages()).isEqualTo(2 * 10 * 50);
            assertThat(group.payloadBytes()).isEqualTo(2 * 10 * 50 * 100);
            assertThat(group.totalMegabytesPerSecond()).isPositive();
            assertThat(group.latency().p50Ms()).isPositive();
        }
        assertThat(report.groups().getFirst().batches()).isEqualTo(20);
    }

    @Test
    void pinnedConsumerReadsEveryBatchOnceWithAndWithoutPollAhead() throws Exception {
        for (boolean pollAhead : new boolean[] {true, false}) {
            List<String> args = new ArrayList<>(
                    List.of("pc", "--server", "embedded", "--consumers", "2", "-b", "12", "-P", "30", "-m", "64"));
            if (!pollAhead) {
                args.add("--no-poll-ahead");
            }
            BenchParams params = params(args.toArray(String[]::new));
            assertThat(params.pollAhead()).isEqualTo(pollAhead);
            GroupSummary consumers = BenchRunner.run(params).groups().getFirst();
            assertThat(consumers.role()).isEqualTo(ActorRole.CONSUMER);
            assertThat(consumers.messages()).as("poll ahead: %s", pollAhead).isEqualTo(2 * 12 * 30);
            assertThat(consumers.batches()).as("poll ahead: %s", pollAhead).isEqualTo(2 * 12);
        }
    }

    @Test
    void consumerGroupReadsTheSeededShareAndReportsRender(@TempDir Path output) throws Exception {
        BenchReport report = BenchRunner.run(params(
                "bcg",
                "--server",
                "embedded",
                "--consumers",
                "3",
                "--partitions",
                "3",
                "-b",
                "5",
                "-P",
                "40",
                "-m",
                "10",
                "-o",
                output.toString()));
        GroupSummary consumers = report.groups().getFirst();
        assertThat(consumers.messages()).isGreaterThanOrEqualTo(3 * 5 * 40);

        String json = JsonReport.render(report);
        assertThat(json).contains("\"kind\":\"balanced-consumer-group\"").contains("\"group_metrics\":[");
        String html = HtmlReport.render(report);
        assertThat(html).contains("<svg").contains("Latency distribution").doesNotContain("<script");
        Files.writeString(output.resolve("index.html"), html, StandardCharsets.UTF_8);
        assertThat(output.resolve("index.html")).isNotEmptyFile();
    }
}
