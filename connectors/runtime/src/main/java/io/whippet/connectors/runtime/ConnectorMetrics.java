package io.whippet.connectors.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.whippet.connectors.api.PluginCounter;
import io.whippet.connectors.api.PluginMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one connector key: the spec's message counters, our {@code retries} and {@code
 * dead_lettered}, stage timings, and the plugin's own counters. Thread-safe; shared by the
 * connector's tasks.
 */
final class ConnectorMetrics implements PluginMetrics {
    final Counter consumed;
    final Counter processed;
    final Counter produced;
    final Counter sent;
    final Counter filtered;
    final Counter errors;
    final Counter retries;
    final Counter deadLettered;
    private final RuntimeMetrics registry;
    private final ConnectorType type;
    private final String key;
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();
    private final Map<String, PluginCounter> pluginCounters = new ConcurrentHashMap<>();

    ConnectorMetrics(RuntimeMetrics registry, ConnectorType type, String key) {
        this.registry = registry;
        this.type = type;
        this.key = key;
        consumed = registry.counter("iggy_connector_messages_consumed", type, key);
        processed = registry.counter("iggy_connector_messages_processed", type, key);
        produced = registry.counter("iggy_connector_messages_produced", type, key);
        sent = registry.counter("iggy_connector_messages_sent", type, key);
        filtered = registry.counter("iggy_connector_messages_filtered", type, key);
        errors = registry.counter("iggy_connector_errors", type, key);
        retries = registry.counter("iggy_connector_retries", type, key);
        deadLettered = registry.counter("iggy_connector_messages_dead_lettered", type, key);
    }

    void stage(String stage, long nanos) {
        stages.computeIfAbsent(stage, name -> registry.stage(type, key, name)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public PluginCounter counter(String name, String description) {
        return pluginCounters.computeIfAbsent(name, n -> {
            Counter counter = registry.pluginCounter(n, description, type, key);
            return new MeterCounter(counter);
        });
    }

    /** Micrometer keeps doubles; the exact count is kept beside it. */
    private static final class MeterCounter implements PluginCounter {
        private final Counter counter;
        private final LongAdder exact = new LongAdder();

        MeterCounter(Counter counter) {
            this.counter = counter;
            exact.add((long) counter.count());
        }

        @Override
        public void increment(long amount) {
            exact.add(amount);
            counter.increment(amount);
        }

        @Override
        public long count() {
            return exact.sum();
        }
    }
}
