package io.whippet.bench;

import org.HdrHistogram.Histogram;

/** Batch latency percentiles and moments, in milliseconds. */
public record LatencySummary(
        double p50Ms,
        double p90Ms,
        double p95Ms,
        double p99Ms,
        double p999Ms,
        double p9999Ms,
        double averageMs,
        double minMs,
        double maxMs,
        double stdDevMs) {
    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getValueAtPercentile(99.99)),
                micros.getMean() / 1000.0,
                ms(micros.getMinValue()),
                ms(micros.getMaxValue()),
                micros.getStdDeviation() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
