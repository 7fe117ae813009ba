package io.whippet.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Records one actor's batches: a latency histogram (µs, 3 significant digits) and a time series.
 * Batches finished during the warm-up are not recorded. Owned by the actor's thread; the
 * progress counter alone is read by the progress bar.
 */
final class ActorMetrics {
    private final Histogram latencyMicros = new Histogram(3);
    private final TimeSeries series;
    private final long measureFromNanos;
    private final AtomicLong progressMessages;
    private long messages;
    private long batches;
    private long payloadBytes;
    private long totalBytes;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos;

    ActorMetrics(long samplingMs, long measureFromNanos, AtomicLong progressMessages) {
        this.series = new TimeSeries(samplingMs);
        this.measureFromNanos = measureFromNanos;
        this.progressMessages = progressMessages;
    }

    /** One batch of {@code messageCount} messages that started at {@code startNanos} and ended now. */
    void record(long startNanos, long endNanos, long messageCount, long payload, long total) {
        progressMessages.addAndGet(messageCount);
        if (startNanos < measureFromNanos) {
            return;
        }
        long latency = Math.max(1, (endNanos - startNanos) / 1_000);
        latencyMicros.recordValue(latency);
        series.record(endNanos - measureFromNanos, payload, messageCount, latency);
        messages += messageCount;
        batches++;
        payloadBytes += payload;
        totalBytes += total;
        firstNanos = Math.min(firstNanos, startNanos);
        lastNanos = Math.max(lastNanos, endNanos);
    }

    ActorResult result(ActorRole role, int actorId) {
        long elapsed = messages == 0 ? 0 : lastNanos - firstNanos;
        return new ActorResult(
                role, actorId, messages, batches, payloadBytes, totalBytes, elapsed, latencyMicros, series);
    }
}
