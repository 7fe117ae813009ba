package io.whippet.connectors.runtime;

import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.ConnectorPlugin;
import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.MessagesMetadata;
import io.whippet.connectors.api.PluginConfig;
import io.whippet.connectors.api.Sink;
import io.whippet.connectors.api.TopicMetadata;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A test sink that records what it was given, per connector key, and fails on demand: the first
 * {@code fail_times} calls of consume throw ({@code -1} = always), and {@code fail_open} makes
 * open throw.
 */
@ConnectorPlugin("recording")
public final class RecordingSink implements Sink {
    static final Map<String, Recording> RECORDINGS = new ConcurrentHashMap<>();

    /** What one connector key saw; survives restarts of the connector. */
    static final class Recording {
        final List<ConsumedMessage> delivered = new CopyOnWriteArrayList<>();
        final List<TopicMetadata> topics = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        volatile boolean closed;
    }

    private Recording recording = new Recording();
    private long failTimes;

    static Recording of(String key) {
        return RECORDINGS.computeIfAbsent(key, k -> new Recording());
    }

    @Override
    public void open(ConnectorContext context, JsonNode pluginConfig) {
        PluginConfig config = new PluginConfig(pluginConfig);
        if (config.bool("fail_open", false)) {
            throw new WhippetException(ErrorCode.INVALID_CONFIGURATION, "fail_open: true (expected: false)");
        }
        failTimes = config.number("fail_times", 0);
        recording = of(context.key());
        recording.closed = false;
    }

    @Override
    public void consume(TopicMetadata topic, MessagesMetadata batch, List<ConsumedMessage> messages) {
        int call = recording.calls.incrementAndGet();
        if (failTimes < 0 || call <= failTimes) {
            recording.failures.incrementAndGet();
            throw new WhippetException(ErrorCode.ERROR, "planned failure " + call);
        }
        recording.topics.add(topic);
        recording.delivered.addAll(messages);
    }

    @Override
    public void close() {
        recording.closed = true;
    }
}
