package io.whippet.bench;

import io.whippet.client.Message;
import io.whippet.client.WhippetClient;
import io.whippet.protocol.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every actor shares: its own client (connection), the parameters, when measuring starts, and
 * the progress counter.
 */
record ActorContext(
        int actorId,
        WhippetClient client,
        BenchParams params,
        long measureFromNanos,
        long warmupEndNanos,
        AtomicLong progressMessages) {
    static final Identifier TOPIC = Identifier.of(BenchTopology.TOPIC_NAME);

    Identifier stream() {
        return Identifier.of(
                BenchTopology.streamName(actorId % params.topology().streams()));
    }

    ActorMetrics metrics() {
        return new ActorMetrics(params.samplingMs(), measureFromNanos, progressMessages);
    }

    RateLimiter rateLimiter() {
        int actors =
                Math.max(1, params.topology().producers() + params.topology().consumers());
        return new RateLimiter(params.rateLimitBytesPerSecond() / actors);
    }

    /** One batch of messages sharing one payload array (the payload content does not matter). */
    List<Message> batch() {
        byte[] payload = new byte[params.workload().messageSizeBytes()];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        List<Message> batch = new ArrayList<>(params.workload().messagesPerBatch());
        for (int i = 0; i < params.workload().messagesPerBatch(); i++) {
            batch.add(Message.of(payload));
        }
        return List.copyOf(batch);
    }

    long batchPayloadBytes() {
        return (long) params.workload().messageSizeBytes() * params.workload().messagesPerBatch();
    }

    long batchTotalBytes() {
        return batchPayloadBytes() + 64L * params.workload().messagesPerBatch();
    }
}
