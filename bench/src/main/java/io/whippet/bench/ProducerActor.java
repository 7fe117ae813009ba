package io.whippet.bench;

import io.whippet.client.BlockingClient;
import io.whippet.client.Message;
import io.whippet.client.producer.Producer;
import io.whippet.protocol.Partitioning;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sends {@code batchesPerActor} batches, one at a time, after the warm-up: pinned to partition 0
 * of its own stream, or balanced over the stream's partitions. Latency is send to acknowledgement.
 */
final class ProducerActor implements BenchActor {
    private final ActorContext context;

    ProducerActor(ActorContext context) {
        this.context = context;
    }

    @Override
    public ActorResult run() {
        ActorMetrics metrics = context.metrics();
        RateLimiter limiter = context.rateLimiter();
        List<Message> batch = context.batch();
        Partitioning partitioning =
                context.params().kind().pinned() ? Partitioning.partitionId(0) : Partitioning.balanced();
        @Nullable
        Producer producer = context.params().highLevelApi()
                ? Producer.builder(context.client(), context.stream(), ActorContext.TOPIC)
                        .partitioner(message -> partitioning)
                        .batchLength(batch.size())
                        .lingerMs(0)
                        .build()
                : null;
        try {
            while (System.nanoTime() < context.warmupEndNanos()) {
                send(producer, partitioning, batch);
                metrics.record(0, 0, batch.size(), 0, 0);
            }
            for (long i = 0; i < context.params().workload().batchesPerActor(); i++) {
                limiter.acquire(context.batchPayloadBytes());
                long start = System.nanoTime();
                send(producer, partitioning, batch);
                metrics.record(
                        start, System.nanoTime(), batch.size(), context.batchPayloadBytes(), context.batchTotalBytes());
            }
        } finally {
            if (producer != null) {
                producer.close();
            }
        }
        return metrics.result(ActorRole.PRODUCER, context.actorId());
    }

    private void send(@Nullable Producer producer, Partitioning partitioning, List<Message> batch) {
        if (producer != null) {
            BlockingClient.await(producer.send(batch));
        } else {
            BlockingClient.await(
                    context.client().sendMessages(context.stream(), ActorContext.TOPIC, partitioning, batch));
        }
    }
}
