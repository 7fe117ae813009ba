package io.whippet.storage;

import static io.whippet.storage.Batches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.protocol.MessageLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Readers on other threads while the owner appends, rolls and retention deletes segments. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentReadTest {
    private static final int PAYLOAD = 50;

    @TempDir
    Path directory;

    @Test
    void readersAlwaysSeeWholeValidContiguousMessagesWhileTheOwnerAppends() throws Exception {
        PartitionConfig config =
                PartitionConfig.defaults().withSegmentSizeBytes(20L * (MessageLayout.HEADER_SIZE + PAYLOAD));
        try (StorageContext context = new StorageContext(
                        new ManualClock(1), new SimulatedDisk(), new Flusher("concurrent"), new SplittableRandom(5));
                PartitionLog log = PartitionLog.open(directory, config, context)) {
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService readers = Executors.newFixedThreadPool(2);
            try {
                List<Future<Long>> results = List.of(
                        readers.submit(() -> readUntil(done, log, ReadStart.first())),
                        readers.submit(() -> readUntil(done, log, ReadStart.last())));
                for (int i = 0; i < 2_000; i++) {
                    log.append(batch(3, PAYLOAD, 3L * i), 3).join();
                    if (i % 50 == 0) {
                        log.enforceRetention(Long.MAX_VALUE, 2_000L * (MessageLayout.HEADER_SIZE + PAYLOAD));
                    }
                }
                done.set(true);
                for (Future<Long> result : results) {
                    assertThat(result.get()).isPositive();
                }
            } finally {
                readers.shutdownNow();
            }
        }
    }

    /** Reads until told to stop; returns how many messages it checked. */
    private static long readUntil(AtomicBoolean done, PartitionLog log, ReadStart start) {
        long checked = 0;
        while (!done.get()) {
            try (ReadResult result = log.read(ReadQuery.of(start, 40))) {
                List<Batches.Stored> messages = Batches.parse(result.copyToBuffer());
                assertThat(messages).hasSize(result.messageCount());
                for (int i = 0; i < messages.size(); i++) {
                    Batches.Stored message = messages.get(i);
                    assertThat(message.offset()).isEqualTo(result.firstOffset() + i);
                    assertThat(message.payload()).isEqualTo(Batches.payload(message.offset(), PAYLOAD));
                }
                checked += messages.size();
            }
        }
        return checked;
    }
}
