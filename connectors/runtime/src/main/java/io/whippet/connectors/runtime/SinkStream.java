package io.whippet.connectors.runtime;

import io.whippet.connectors.api.Schema;
import java.time.Duration;
import java.util.List;

/** One sink {@code [[streams]]} entry: a consumer group per topic (spec §3). */
public record SinkStream(
        String stream,
        List<String> topics,
        Schema schema,
        int batchLength,
        Duration pollInterval,
        String consumerGroup) {}
