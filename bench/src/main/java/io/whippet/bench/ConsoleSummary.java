package io.whippet.bench;

import java.io.PrintStream;
import java.util.Locale;

/** The summary printed at the end of a run: one block per role, then the per-actor lines. */
final class ConsoleSummary {
    private ConsoleSummary() {}

    static void print(BenchReport report, PrintStream out) {
        BenchParams params = report.params();
        out.printf(
                Locale.ROOT,
                "%nBenchmark: %s, %s, %d × %d B messages per batch, %d batches per actor, %s API%n",
                params.kind().cliName(),
                params.connection().label(),
                params.workload().messagesPerBatch(),
                params.workload().messageSizeBytes(),
                params.workload().batchesPerActor(),
                params.highLevelApi() ? "high-level" : "low-level");
        for (GroupSummary group : report.groups()) {
            LatencySummary latency = group.latency();
            out.printf(
                    Locale.ROOT,
                    "%s (%d): total %.2f MB/s, %.0f msg/s; average %.2f MB/s, %.0f msg/s per actor; "
                            + "%d messages, %.3f GB payload in %.2f s%n",
                    group.role().title(),
                    group.actors(),
                    group.totalMegabytesPerSecond(),
                    group.totalMessagesPerSecond(),
                    group.averageMegabytesPerSecond(),
                    group.averageMessagesPerSecond(),
                    group.messages(),
                    group.payloadBytes() / 1e9,
                    group.seconds());
            out.printf(
                    Locale.ROOT,
                    "  latency per batch (ms): p50 %.3f, p90 %.3f, p95 %.3f, p99 %.3f, p999 %.3f, p9999 %.3f, "
                            + "avg %.3f, min %.3f, max %.3f, std dev %.3f%n",
                    latency.p50Ms(),
                    latency.p90Ms(),
                    latency.p95Ms(),
                    latency.p99Ms(),
                    latency.p999Ms(),
                    latency.p9999Ms(),
                    latency.averageMs(),
                    latency.minMs(),
                    latency.maxMs(),
                    latency.stdDevMs());
        }
        for (ActorResult actor : report.actors()) {
            LatencySummary latency = LatencySummary.of(actor.latencyMicros());
            out.printf(
                    Locale.ROOT,
                    "  %s %d: %.2f MB/s, %.0f msg/s, p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    actor.role().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    actor.actorId(),
                    actor.megabytesPerSecond(),
                    actor.messagesPerSecond(),
                    latency.p50Ms(),
                    latency.p99Ms(),
                    latency.maxMs());
        }
    }
}
