package io.whippet.bench;

import org.HdrHistogram.Histogram;

/**
 * What one actor measured after its warm-up.
 *
 * @param payloadBytes user payload only: what MB/s counts
 * @param totalBytes payload plus the 64-byte message headers
 * @param elapsedNanos from the start of its first measured batch to the end of its last
 * @param latencyMicros batch latencies (send to acknowledgement, or poll to reply)
 */
public record ActorResult(
        ActorRole role,
        int actorId,
        long messages,
        long batches,
        long payloadBytes,
        long totalBytes,
        long elapsedNanos,
        Histogram latencyMicros,
        TimeSeries series) {
    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double megabytesPerSecond() {
        return elapsedNanos == 0 ? 0 : payloadBytes / 1e6 / seconds();
    }

    public double messagesPerSecond() {
        return elapsedNanos == 0 ? 0 : messages / seconds();
    }
}
