package io.whippet.bench;

import java.util.Arrays;

/**
 * Per-bucket sums of one actor's (or one group's) work: payload bytes, messages, batch latency.
 * Bucket {@code i} covers {@code [i, i+1) × bucketMs} after the measured phase began. Owned by one
 * actor thread while recording; read after it finished.
 */
public final class TimeSeries {
    private final long bucketMs;
    private long[] payloadBytes = new long[64];
    private long[] messages = new long[64];
    private long[] latencySumMicros = new long[64];
    private long[] latencyCount = new long[64];
    private int buckets;

    public TimeSeries(long bucketMs) {
        this.bucketMs = bucketMs;
    }

    public long bucketMs() {
        return bucketMs;
    }

    public int buckets() {
        return buckets;
    }

    void record(long sinceStartNanos, long payload, long messageCount, long latencyMicros) {
        int bucket = (int) (sinceStartNanos / 1_000_000 / bucketMs);
        ensure(bucket + 1);
        payloadBytes[bucket] += payload;
        messages[bucket] += messageCount;
        latencySumMicros[bucket] += latencyMicros;
        latencyCount[bucket]++;
        buckets = Math.max(buckets, bucket + 1);
    }

    /** Adds another series bucket by bucket (throughputs sum, latencies pool). */
    void add(TimeSeries other) {
        ensure(other.buckets);
        for (int i = 0; i < other.buckets; i++) {
            payloadBytes[i] += other.payloadBytes[i];
            messages[i] += other.messages[i];
            latencySumMicros[i] += other.latencySumMicros[i];
            latencyCount[i] += other.latencyCount[i];
        }
        buckets = Math.max(buckets, other.buckets);
    }

    /** MB/s (10^6 payload bytes per second) of each bucket. */
    public double[] throughputMegabytesPerSecond() {
        double[] out = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            out[i] = payloadBytes[i] / 1e6 / (bucketMs / 1000.0);
        }
        return out;
    }

    public double[] throughputMessagesPerSecond() {
        double[] out = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            out[i] = messages[i] / (bucketMs / 1000.0);
        }
        return out;
    }

    /** Average batch latency in ms per bucket; NaN where no batch finished. */
    public double[] averageLatencyMs() {
        double[] out = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            out[i] = latencyCount[i] == 0 ? Double.NaN : latencySumMicros[i] / 1000.0 / latencyCount[i];
        }
        return out;
    }

    /** A trailing moving average over {@code window} points, skipping NaN. */
    public static double[] movingAverage(double[] values, int window) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int count = 0;
            for (int j = Math.max(0, i - window + 1); j <= i; j++) {
                if (!Double.isNaN(values[j])) {
                    sum += values[j];
                    count++;
                }
            }
            out[i] = count == 0 ? Double.NaN : sum / count;
        }
        return out;
    }

    private void ensure(int size) {
        if (size > payloadBytes.length) {
            int capacity = Math.max(size, payloadBytes.length * 2);
            payloadBytes = Arrays.copyOf(payloadBytes, capacity);
            messages = Arrays.copyOf(messages, capacity);
            latencySumMicros = Arrays.copyOf(latencySumMicros, capacity);
            latencyCount = Arrays.copyOf(latencyCount, capacity);
        }
    }
}
