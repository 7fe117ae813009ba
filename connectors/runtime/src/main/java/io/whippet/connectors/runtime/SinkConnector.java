package io.whippet.connectors.runtime;

import io.whippet.client.BlockingClient;
import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.Sink;
import io.whippet.connectors.runtime.transform.Transforms;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sink connector (spec §6): opens its plugin, starts a {@link SinkTask} per (stream, topic) on
 * a virtual thread, and closes the plugin after the tasks ended. Start and stop run on the caller's
 * thread (the runtime's); a task that gives up calls {@link #fail}, which stops the whole connector
 * with status ERROR.
 */
final class SinkConnector implements Connector {
    private static final System.Logger LOG = System.getLogger(SinkConnector.class.getName());
    private static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(5);

    private final ConnectorConfig config;
    private final long pluginId;
    private final PluginLoader loader;
    private final BlockingClient client;
    private final ConnectorMetrics metrics;
    private final StatusHolder status = new StatusHolder();
    private final List<SinkTask> tasks = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private @Nullable Sink sink;
    private String pluginVersion = "";

    SinkConnector(
            ConnectorConfig config,
            long pluginId,
            PluginLoader loader,
            BlockingClient client,
            ConnectorMetrics metrics) {
        this.config = config;
        this.pluginId = pluginId;
        this.loader = loader;
        this.client = client;
        this.metrics = metrics;
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    @Override
    public long pluginId() {
        return pluginId;
    }

    @Override
    public ConnectorStatus status() {
        return status.status();
    }

    @Override
    public @Nullable String lastError() {
        return status.lastError();
    }

    StatusHolder statusHolder() {
        return status;
    }

    @Override
    public synchronized void start() {
        status.set(ConnectorStatus.STARTING);
        Sink opened;
        Transforms transforms;
        try {
            transforms = Transforms.of(config.transforms().stream()
                    .map(t -> Map.entry(t.type(), t.config()))
                    .toList());
            opened = loader.sink(config.path());
            opened.open(new ConnectorContext(pluginId, config.key(), metrics), config.pluginConfig());
            pluginVersion = opened.version();
        } catch (RuntimeException e) {
            metrics.errors.increment();
            status.fail("open failed: " + e.getMessage());
            LOG.log(Level.ERROR, "sink " + config.key() + " failed to open; no consumers started", e);
            return;
        }
        sink = opened;
        for (SinkStream stream : config.sinkStreams()) {
            for (String topic : stream.topics()) {
                SinkTask task = new SinkTask(this, client, opened, stream, topic, transforms, metrics);
                tasks.add(task);
                threads.add(Thread.ofVirtual().name("sink-" + task.name()).start(task));
            }
        }
        status.set(ConnectorStatus.RUNNING);
        LOG.log(
                Level.INFO,
                () -> "sink " + config.key() + " running: " + tasks.size() + " topic task(s), plugin " + config.path()
                        + " #" + pluginId + ", config " + config);
    }

    /** A task gave up: the connector stops with {@code message} as its error. */
    void fail(String message) {
        status.fail(message);
        LOG.log(Level.ERROR, "sink " + config.key() + " stopped: " + message);
        tasks.forEach(SinkTask::stop);
    }

    /** Every task of this connector joins its group again (after the client reconnected). */
    void rejoin() {
        tasks.forEach(SinkTask::rejoin);
    }

    @Override
    public synchronized void stop() {
        status.set(ConnectorStatus.STOPPING);
        tasks.forEach(SinkTask::stop);
        for (Thread thread : threads) {
            try {
                // A batch in flight may finish (and store its offset); a sink stuck in long retries is
                // interrupted after the grace period, and its batch comes again after a restart.
                if (!thread.join(STOP_GRACE)) {
                    thread.interrupt();
                    thread.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tasks.forEach(SinkTask::leaveGroup);
        tasks.clear();
        threads.clear();
        Sink current = sink;
        sink = null;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sink " + config.key() + " close failed", e);
            }
        }
        status.set(ConnectorStatus.STOPPED);
    }

    @Override
    public String pluginVersion() {
        return pluginVersion;
    }

    @Override
    public void describeCounters(ObjectNode entry) {
        entry.put("errors", (long) metrics.errors.count());
        entry.put("messages_filtered", (long) metrics.filtered.count());
        entry.put("messages_consumed", (long) metrics.consumed.count());
        entry.put("messages_processed", (long) metrics.processed.count());
        entry.put("retries", (long) metrics.retries.count());
        entry.put("messages_dead_lettered", (long) metrics.deadLettered.count());
    }

    JsonNode pluginConfig() {
        return config.pluginConfig();
    }
}
