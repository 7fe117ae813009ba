package io.whippet.connectors.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** {@link PluginMetrics} kept in a map; thread-safe. */
final class InMemoryPluginMetrics implements PluginMetrics {
    private final Map<String, PluginCounter> counters = new ConcurrentHashMap<>();

    @Override
    public PluginCounter counter(String name, String description) {
        return counters.computeIfAbsent(name, n -> new AdderCounter());
    }

    private static final class AdderCounter implements PluginCounter {
        private final LongAdder adder = new LongAdder();

        @Override
        public void increment(long amount) {
            adder.add(amount);
        }

        @Override
        public long count() {
            return adder.sum();
        }
    }
}
