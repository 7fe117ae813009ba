package io.whippet.connectors.runtime;

import io.whippet.connectors.api.Schema;
import java.time.Duration;

/** One source {@code [[streams]]} entry: where produced messages go and how they are encoded. */
public record SourceStream(String stream, String topic, Schema schema, int batchLength, Duration lingerTime) {}
