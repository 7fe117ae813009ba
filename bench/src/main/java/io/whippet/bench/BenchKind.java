package io.whippet.bench;

import java.util.Locale;

/**
 * The benchmark shapes of iggy-bench, with their short aliases and default actor counts.
 *
 * <p>"Pinned" actors each own a stream (partition 0); "balanced" producers let the server spread
 * batches over the partitions of one stream, and balanced consumers read as consumer-group members.
 * End-to-end actors send a batch and then poll it back.
 */
public enum BenchKind {
    PINNED_PRODUCER("pp", 8, 0, 1, false),
    PINNED_CONSUMER("pc", 0, 8, 1, false),
    PINNED_PRODUCER_AND_CONSUMER("ppc", 8, 8, 1, false),
    BALANCED_PRODUCER("bp", 8, 0, 24, false),
    BALANCED_CONSUMER_GROUP("bcg", 0, 8, 24, true),
    BALANCED_PRODUCER_AND_CONSUMER_GROUP("bpcg", 8, 8, 24, true),
    END_TO_END_PRODUCING_CONSUMER("e2e", 8, 0, 1, false),
    END_TO_END_PRODUCING_CONSUMER_GROUP("e2ecg", 8, 0, 24, true);

    private final String alias;
    private final int defaultProducers;
    private final int defaultConsumers;
    private final int defaultPartitions;
    private final boolean usesGroups;

    BenchKind(String alias, int defaultProducers, int defaultConsumers, int defaultPartitions, boolean usesGroups) {
        this.alias = alias;
        this.defaultProducers = defaultProducers;
        this.defaultConsumers = defaultConsumers;
        this.defaultPartitions = defaultPartitions;
        this.usesGroups = usesGroups;
    }

    /** The command-line name, e.g. {@code pinned-producer}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String alias() {
        return alias;
    }

    public int defaultProducers() {
        return defaultProducers;
    }

    public int defaultConsumers() {
        return defaultConsumers;
    }

    public int defaultPartitions() {
        return defaultPartitions;
    }

    public boolean usesGroups() {
        return usesGroups;
    }

    public boolean pinned() {
        return this == PINNED_PRODUCER
                || this == PINNED_CONSUMER
                || this == PINNED_PRODUCER_AND_CONSUMER
                || this == END_TO_END_PRODUCING_CONSUMER;
    }

    public boolean endToEnd() {
        return this == END_TO_END_PRODUCING_CONSUMER || this == END_TO_END_PRODUCING_CONSUMER_GROUP;
    }

    /** Whether the kind writes the data it reads (so old bench streams are deleted first). */
    public boolean produces() {
        return defaultProducers > 0;
    }

    /** By name or alias. */
    public static BenchKind parse(String text) {
        for (BenchKind kind : values()) {
            if (kind.cliName().equalsIgnoreCase(text) || kind.alias.equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind: " + text + " (expected: one of pinned-producer (pp), "
                + "pinned-consumer (pc), pinned-producer-and-consumer (ppc), balanced-producer (bp), "
                + "balanced-consumer-group (bcg), balanced-producer-and-consumer-group (bpcg), "
                + "end-to-end-producing-consumer (e2e), end-to-end-producing-consumer-group (e2ecg))");
    }
}
