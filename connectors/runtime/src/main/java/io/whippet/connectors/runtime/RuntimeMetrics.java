package io.whippet.connectors.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The runtime's Prometheus registry (spec §9): gauges of sinks and sources, per-connector counters
 * and the stage-duration histogram, plus every plugin counter as {@code
 * iggy_connector_plugin_<name>_total}. Meters are registered once per (name, labels) and shared
 * across restarts of a connector, so counts keep growing. Thread-safe.
 */
public final class RuntimeMetrics {
    /** 13 buckets from 50 µs to 5 s, as upstream. */
    private static final Duration[] STAGE_BUCKETS = {
        Duration.ofNanos(50_000),
        Duration.ofNanos(100_000),
        Duration.ofNanos(250_000),
        Duration.ofNanos(500_000),
        Duration.ofMillis(1),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    void gauge(String name, Supplier<Number> value) {
        Gauge.builder(name, value).register(registry);
    }

    Counter counter(String name, ConnectorType type, String key) {
        return Counter.builder(name).tags(tags(type, key)).register(registry);
    }

    Timer stage(ConnectorType type, String key, String stage) {
        return Timer.builder("iggy_connector_stage_duration")
                .tags(tags(type, key).and("stage", stage))
                .serviceLevelObjectives(STAGE_BUCKETS)
                .register(registry);
    }

    Counter pluginCounter(String name, String description, ConnectorType type, String key) {
        return Counter.builder("iggy_connector_plugin_" + name)
                .description(description)
                .tags(tags(type, key))
                .register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    private static Tags tags(ConnectorType type, String key) {
        return Tags.of("connector_key", key, "connector_type", type.label());
    }
}
