package io.whippet.connectors.runtime;

import io.whippet.client.BlockingClient;
import io.whippet.client.Message;
import io.whippet.connectors.api.BatchResult;
import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.ProducedBatch;
import io.whippet.connectors.api.ProducedMessage;
import io.whippet.connectors.api.Source;
import io.whippet.connectors.runtime.transform.Transforms;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Partitioning;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One source connector (spec §7): loads the saved state, opens the plugin with it, then on a
 * virtual thread polls the plugin, transforms and encodes each batch, sends it in chunks of {@code
 * batch_length} (a failed chunk is resent up to 3 times), and only after the server acknowledged
 * every chunk saves the batch's state atomically and reports ACK. Anything failing is a NACK: the
 * loop waits 100 ms doubling to 5 s, and after 5 NACKs in a row the connector stops with status
 * ERROR. If several {@code [[streams]]} are configured the last one is used (as upstream).
 */
final class SourceConnector implements Connector {
    private static final System.Logger LOG = System.getLogger(SourceConnector.class.getName());
    private static final int SEND_RETRIES = 3;
    private static final int MAX_NACKS = 5;

    private final ConnectorConfig config;
    private final long pluginId;
    private final PluginLoader loader;
    private final BlockingClient client;
    private final ConnectorMetrics metrics;
    private final StateStore state;
    private final StatusHolder status = new StatusHolder();
    private final Sleeper sleeper = new Sleeper();
    private @Nullable Source source;
    private @Nullable Thread thread;
    private String pluginVersion = "";

    SourceConnector(
            ConnectorConfig config,
            long pluginId,
            PluginLoader loader,
            BlockingClient client,
            ConnectorMetrics metrics,
            java.nio.file.Path stateDirectory) {
        this.config = config;
        this.pluginId = pluginId;
        this.loader = loader;
        this.client = client;
        this.metrics = metrics;
        this.state = new StateStore(stateDirectory, config.key());
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

    @Override
    public synchronized void start() {
        status.set(ConnectorStatus.STARTING);
        if (config.sourceStreams().isEmpty()) {
            status.fail("no [[streams]] configured");
            return;
        }
        if (config.sourceStreams().size() > 1) {
            LOG.log(Level.WARNING, "source " + config.key() + ": several [[streams]]; only the last one is used");
        }
        Source opened;
        Transforms transforms;
        try {
            transforms = Transforms.of(config.transforms().stream()
                    .map(t -> Map.entry(t.type(), t.config()))
                    .toList());
            opened = loader.source(config.path());
            opened.open(new ConnectorContext(pluginId, config.key(), metrics), config.pluginConfig(), state.load());
            pluginVersion = opened.version();
        } catch (RuntimeException e) {
            metrics.errors.increment();
            status.fail("open failed: " + e.getMessage());
            LOG.log(Level.ERROR, "source " + config.key() + " failed to open", e);
            return;
        }
        source = opened;
        SourceStream target = config.sourceStreams().getLast();
        thread = Thread.ofVirtual().name("source-" + config.key()).start(() -> loop(opened, target, transforms));
        status.set(ConnectorStatus.RUNNING);
        LOG.log(
                Level.INFO,
                () -> "source " + config.key() + " running: plugin " + config.path() + " #" + pluginId + ", config "
                        + config);
    }

    private void loop(Source plugin, SourceStream target, Transforms transforms) {
        int nacks = 0;
        while (!sleeper.stopped() && !plugin.exhausted()) {
            ProducedBatch batch;
            try {
                batch = plugin.poll();
            } catch (RuntimeException e) {
                metrics.errors.increment();
                status.recordError("poll failed: " + e.getMessage());
                LOG.log(Level.WARNING, "source " + config.key() + ": poll failed", e);
                sleeper.sleep(Duration.ofMillis(100));
                continue;
            }
            if (batch.messages().isEmpty()) {
                continue;
            }
            metrics.produced.increment(batch.messages().size());
            BatchResult result = send(batch, target, transforms);
            try {
                plugin.onBatchResult(result);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "source " + config.key() + ": onBatchResult failed", e);
            }
            if (result == BatchResult.ACK) {
                nacks = 0;
                continue;
            }
            nacks++;
            if (nacks >= MAX_NACKS) {
                status.fail(MAX_NACKS + " batches in a row failed; last error: " + status.lastError());
                LOG.log(Level.ERROR, "source " + config.key() + " stopped after " + MAX_NACKS + " failed batches");
                return;
            }
            sleeper.sleep(Duration.ofMillis(Math.min(5_000, 100L << (nacks - 1))));
        }
    }

    /** Transforms, encodes and sends one batch, then saves its state; ACK only when all of it worked. */
    private BatchResult send(ProducedBatch batch, SourceStream target, Transforms transforms) {
        long start = System.nanoTime();
        List<Message> messages = new ArrayList<>(batch.messages().size());
        try {
            for (ProducedMessage produced : batch.messages()) {
                Optional<Payload> payload = transforms.apply(produced.payload());
                if (payload.isEmpty()) {
                    metrics.filtered.increment();
                    continue;
                }
                messages.add(new Message(
                        produced.idLow(),
                        produced.idHigh(),
                        PayloadCodec.encode(target.schema(), payload.get()),
                        produced.headers(),
                        produced.originTimestampMicros()));
            }
        } catch (RuntimeException e) {
            return nack("batch rejected, a message could not be prepared: " + e.getMessage());
        }
        long preparedAt = System.nanoTime();
        metrics.stage("prepare", preparedAt - start);
        for (int from = 0; from < messages.size(); from += target.batchLength()) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + target.batchLength()));
            if (!sendChunk(target, chunk)) {
                metrics.stage("total", Sleeper.elapsedNanos(start));
                return BatchResult.NACK;
            }
            metrics.sent.increment(chunk.size());
        }
        long sentAt = System.nanoTime();
        metrics.stage("iggy_send", sentAt - preparedAt);
        byte[] newState = batch.state();
        if (newState != null) {
            try {
                state.save(newState);
            } catch (RuntimeException e) {
                return nack("state not saved: " + e.getMessage());
            }
            metrics.stage("state_save", Sleeper.elapsedNanos(sentAt));
        }
        metrics.stage("total", Sleeper.elapsedNanos(start));
        if (config.benchmark()) {
            LOG.log(
                    Level.INFO,
                    () -> "benchmark connector_key=" + config.key() + " stream=" + target.stream()
                            + " topic=" + target.topic() + " batch_size="
                            + batch.messages().size() + " sent_count="
                            + messages.size() + " state_saved=" + (newState != null) + " total_us="
                            + Sleeper.micros(Sleeper.elapsedNanos(start)));
        }
        return BatchResult.ACK;
    }

    private boolean sendChunk(SourceStream target, List<Message> chunk) {
        for (int attempt = 0; ; attempt++) {
            try {
                client.sendMessages(
                        Identifier.of(target.stream()), Identifier.of(target.topic()), Partitioning.balanced(), chunk);
                return true;
            } catch (RuntimeException e) {
                if (attempt >= SEND_RETRIES || sleeper.stopped()) {
                    nack("send to " + target.stream() + "/" + target.topic() + " failed: " + e.getMessage());
                    return false;
                }
                sleeper.sleep(Duration.ofMillis(100L << attempt));
            }
        }
    }

    private BatchResult nack(String error) {
        metrics.errors.increment();
        status.recordError(error);
        LOG.log(Level.WARNING, () -> "source " + config.key() + ": " + error);
        return BatchResult.NACK;
    }

    @Override
    public synchronized void stop() {
        status.set(ConnectorStatus.STOPPING);
        sleeper.wake();
        Thread current = thread;
        if (current != null) {
            try {
                current.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        Source opened = source;
        source = null;
        if (opened != null) {
            try {
                opened.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "source " + config.key() + " close failed", e);
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
        entry.put("messages_produced", (long) metrics.produced.count());
        entry.put("messages_sent", (long) metrics.sent.count());
    }
}
