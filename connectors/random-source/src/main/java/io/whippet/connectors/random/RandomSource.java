package io.whippet.connectors.random;

import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.ConnectorPlugin;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.PluginConfig;
import io.whippet.connectors.api.ProducedBatch;
import io.whippet.connectors.api.ProducedMessage;
import io.whippet.connectors.api.Schema;
import io.whippet.connectors.api.Source;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every {@code interval} (default 1s) produces between {@code messages_range[0]} and {@code
 * messages_range[1]} (default 10..100) JSON messages {@code {"seq": n, "text": "..."}}, the text
 * {@code payload_size} (default 100) random letters, until {@code max_count} messages in all (0 =
 * no end). Its state is the count of acknowledged messages (8 bytes, big-endian), so after a
 * restart {@code seq} goes on from the last acknowledged message: the count moves on ACK only.
 * Used from the runtime's one source thread.
 */
@ConnectorPlugin("random")
public final class RandomSource implements Source {
    private Duration interval = Duration.ofSeconds(1);
    private long maxCount;
    private int minMessages = 10;
    private int maxMessages = 100;
    private int payloadSize = 100;
    private long acknowledged;
    private long pending;
    private long nextPollNanos = System.nanoTime();

    @Override
    public void open(ConnectorContext context, JsonNode pluginConfig, byte @Nullable [] state) {
        PluginConfig config = new PluginConfig(pluginConfig);
        interval = config.duration("interval", Duration.ofSeconds(1));
        maxCount = config.number("max_count", 0);
        payloadSize = (int) config.number("payload_size", 100);
        JsonNode range = config.node("messages_range");
        if (range.isArray()) {
            if (range.size() != 2
                    || range.get(0).asInt() < 1
                    || range.get(0).asInt() > range.get(1).asInt()) {
                throw new WhippetException(
                        ErrorCode.INVALID_CONFIGURATION,
                        "messages_range: " + range + " (expected: [min, max] with 1 <= min <= max)");
            }
            minMessages = range.get(0).asInt();
            maxMessages = range.get(1).asInt();
        }
        if (state != null && state.length == Long.BYTES) {
            acknowledged = ByteBuffer.wrap(state).getLong();
        }
        nextPollNanos = System.nanoTime();
    }

    @Override
    public ProducedBatch poll() {
        long wait = nextPollNanos - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
            if (nextPollNanos - System.nanoTime() > 0) {
                return ProducedBatch.empty(Schema.JSON);
            }
        }
        nextPollNanos = System.nanoTime() + interval.toNanos();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long count = random.nextInt(minMessages, maxMessages + 1);
        if (maxCount > 0) {
            count = Math.min(count, maxCount - acknowledged);
        }
        if (count <= 0) {
            return ProducedBatch.empty(Schema.JSON);
        }
        List<ProducedMessage> messages = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("seq", acknowledged + i);
            json.put("text", text(random));
            messages.add(ProducedMessage.of(new Payload.Json(json)));
        }
        pending = count;
        return new ProducedBatch(
                Schema.JSON,
                messages,
                ByteBuffer.allocate(Long.BYTES).putLong(acknowledged + count).array());
    }

    @Override
    public void onBatchResult(io.whippet.connectors.api.BatchResult result) {
        if (result == io.whippet.connectors.api.BatchResult.ACK) {
            acknowledged += pending;
        }
        pending = 0;
    }

    @Override
    public boolean exhausted() {
        return maxCount > 0 && acknowledged >= maxCount;
    }

    private String text(ThreadLocalRandom random) {
        char[] letters = new char[payloadSize];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }

    @Override
    public void close() {}
}
