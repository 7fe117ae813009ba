package io.whippet.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.client.Message;
import io.whippet.protocol.Partitioning;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BatchAccumulatorTest {
    private static final long NEVER_MS = 3_600_000;

    @Test
    void aBatchIsReadyAsSoonAsItHoldsBatchLengthMessages() throws Exception {
        BatchAccumulator accumulator = new BatchAccumulator(3, 1 << 20, NEVER_MS);
        for (int i = 0; i < 3; i++) {
            accumulator.add(Partitioning.partitionId(1), Message.of("m" + i), 66);
        }
        List<PendingBatch> ready = accumulator.awaitReady();
        assertThat(ready).hasSize(1);
        assertThat(ready.getFirst().messages).hasSize(3);
    }

    @Test
    void aBatchIsReadyOnceItReachesBatchSizeBytes() throws Exception {
        BatchAccumulator accumulator = new BatchAccumulator(1_000, 100, NEVER_MS);
        accumulator.add(Partitioning.balanced(), Message.of(new byte[40]), 104);
        assertThat(accumulator.awaitReady().getFirst().sizeBytes).isEqualTo(104);
    }

    @Test
    void messagesAreBatchedPerPartitioningInArrivalOrder() throws Exception {
        BatchAccumulator accumulator = new BatchAccumulator(1_000, 1 << 20, NEVER_MS);
        CompletableFuture<Void> first = accumulator.add(Partitioning.partitionId(1), Message.of("a"), 65);
        accumulator.add(Partitioning.partitionId(2), Message.of("b"), 65);
        CompletableFuture<Void> third = accumulator.add(Partitioning.partitionId(1), Message.of("c"), 65);
        assertThat(third).isSameAs(first);
        accumulator.flush();
        List<PendingBatch> ready = accumulator.awaitReady();
        assertThat(ready)
                .extracting(batch -> batch.partitioning)
                .containsExactly(Partitioning.partitionId(1), Partitioning.partitionId(2));
        assertThat(ready.getFirst().messages)
                .extracting(message -> new String(message.payload(), java.nio.charset.StandardCharsets.UTF_8))
                .containsExactly("a", "c");
    }

    @Test
    void closeDrainsOpenBatchesAndThenReportsTheEnd() throws Exception {
        BatchAccumulator accumulator = new BatchAccumulator(1_000, 1 << 20, NEVER_MS);
        accumulator.add(Partitioning.balanced(), Message.of("x"), 65);
        accumulator.close();
        assertThat(accumulator.awaitReady()).hasSize(1);
        assertThat(accumulator.awaitReady()).isEmpty();
    }

    @Test
    void flushCompletesWhenEveryOutstandingBatchIsAcknowledged() throws Exception {
        BatchAccumulator accumulator = new BatchAccumulator(1_000, 1 << 20, NEVER_MS);
        accumulator.add(Partitioning.balanced(), Message.of("x"), 65);
        CompletableFuture<Void> flushed = accumulator.flush();
        assertThat(flushed).isNotDone();
        accumulator.awaitReady().getFirst().sent.complete(null);
        assertThat(flushed).isDone();
    }
}
