package io.whippet.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * All actors of one role together: total throughput is the sum of the actors' own throughputs
 * (each over its own measured time, as iggy-bench reports it), average is the mean per actor, and
 * latency pools every batch of every actor.
 */
public record GroupSummary(
        ActorRole role,
        int actors,
        long messages,
        long batches,
        long payloadBytes,
        long totalBytes,
        double seconds,
        double totalMegabytesPerSecond,
        double averageMegabytesPerSecond,
        double totalMessagesPerSecond,
        double averageMessagesPerSecond,
        LatencySummary latency,
        Histogram latencyMicros,
        TimeSeries series) {
    static GroupSummary of(ActorRole role, List<ActorResult> results, long samplingMs) {
        Histogram pooled = new Histogram(3);
        TimeSeries series = new TimeSeries(samplingMs);
        long messages = 0;
        long batches = 0;
        long payload = 0;
        long total = 0;
        double seconds = 0;
        double megabytes = 0;
        double messagesPerSecond = 0;
        for (ActorResult result : results) {
            pooled.add(result.latencyMicros());
            series.add(result.series());
            messages += result.messages();
            batches += result.batches();
            payload += result.payloadBytes();
            total += result.totalBytes();
            seconds = Math.max(seconds, result.seconds());
            megabytes += result.megabytesPerSecond();
            messagesPerSecond += result.messagesPerSecond();
        }
        int actors = results.size();
        return new GroupSummary(
                role,
                actors,
                messages,
                batches,
                payload,
                total,
                seconds,
                megabytes,
                actors == 0 ? 0 : megabytes / actors,
                messagesPerSecond,
                actors == 0 ? 0 : messagesPerSecond / actors,
                LatencySummary.of(pooled),
                pooled,
                series);
    }
}
