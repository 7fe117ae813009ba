package io.whippet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeSeriesTest {
    @Test
    void bucketsThroughputAndLatencyBySamplingTime() {
        TimeSeries series = new TimeSeries(100);
        series.record(10_000_000, 1_000_000, 1_000, 2_000);
        series.record(50_000_000, 1_000_000, 1_000, 4_000);
        series.record(250_000_000, 500_000, 500, 1_000);
        assertThat(series.buckets()).isEqualTo(3);
        assertThat(series.throughputMegabytesPerSecond()).containsExactly(20.0, 0.0, 5.0);
        assertThat(series.throughputMessagesPerSecond()).containsExactly(20_000.0, 0.0, 5_000.0);
        double[] latency = series.averageLatencyMs();
        assertThat(latency[0]).isEqualTo(3.0);
        assertThat(latency[1]).isNaN();
        assertThat(latency[2]).isEqualTo(1.0);
    }

    @Test
    void movingAverageSkipsEmptyBuckets() {
        assertThat(TimeSeries.movingAverage(new double[] {2, Double.NaN, 4, 6}, 2))
                .containsExactly(2.0, 2.0, 4.0, 5.0);
    }

    @Test
    void addingSeriesSumsThroughputAndPoolsLatency() {
        TimeSeries a = new TimeSeries(1000);
        a.record(0, 1_000_000, 10, 1_000);
        TimeSeries b = new TimeSeries(1000);
        b.record(0, 3_000_000, 30, 3_000);
        b.record(1_500_000_000L, 1_000_000, 10, 1_000);
        a.add(b);
        assertThat(a.throughputMegabytesPerSecond()).containsExactly(4.0, 1.0);
        assertThat(a.averageLatencyMs()).containsExactly(2.0, 1.0);
    }
}
