package io.whippet.storage;

import static io.whippet.storage.Batches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Power cuts at thousands of seeded points of an enforce_fsync workload: whatever was acknowledged
 * must be readable, byte for byte, after recovery; and failed writes or fsyncs must fence.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PowerLossTest {
    private static final int ITERATIONS = 2000;

    @TempDir
    Path root;

    private Flusher flusher;

    @BeforeEach
    void startFlusher() {
        flusher = new Flusher("power-loss");
    }

    @AfterEach
    void stopFlusher() {
        flusher.close();
    }

    /** An acknowledged batch: its offsets and the payload tags it was built from. */
    private record Acknowledged(long firstOffset, int count, long tag, int payloadSize) {}

    @Test
    void withEnforceFsyncNothingAcknowledgedIsLostAcrossSeededPowerCuts() throws IOException {
        for (long seed = 1; seed <= ITERATIONS; seed++) {
            try {
                runOnce(seed);
            } catch (AssertionError | RuntimeException | IOException e) {
                throw new AssertionError("power-loss iteration failed with seed " + seed + ": " + e, e);
            }
        }
    }

    private void runOnce(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Path directory = root.resolve("p" + seed);
        SimulatedDisk disk = new SimulatedDisk();
        disk.crashAfterOperations(random.nextInt(60));
        PartitionConfig config = PartitionConfig.defaults()
                .withSegmentSizeBytes(64L * (3 + random.nextInt(8)))
                .withEnforceFsync(true);
        StorageContext context = new StorageContext(new ManualClock(1_000_000), disk, flusher, random.split());

        List<Acknowledged> acknowledged = new ArrayList<>();
        PartitionLog log = null;
        try {
            log = PartitionLog.open(directory, config, context);
            long tag = 0;
            int rounds = 1 + random.nextInt(8);
            for (int round = 0; round < rounds && !disk.crashed(); round++) {
                // Several batches in flight at once, so rolls happen while syncs are still pending.
                List<CompletableFuture<AppendResult>> inFlight = new ArrayList<>();
                List<Acknowledged> pending = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    int count = 1 + random.nextInt(4);
                    int payloadSize = random.nextInt(40);
                    inFlight.add(log.append(batch(count, payloadSize, tag), count));
                    pending.add(new Acknowledged(-1, count, tag, payloadSize));
                    tag += count;
                }
                for (int i = 0; i < inFlight.size(); i++) {
                    try {
                        AppendResult result = inFlight.get(i).join();
                        Acknowledged batch = pending.get(i);
                        acknowledged.add(new Acknowledged(
                                result.firstOffset(), batch.count(), batch.tag(), batch.payloadSize()));
                    } catch (CompletionException e) {
                        assertThat(e.getCause()).isInstanceOf(WhippetException.class);
                    }
                }
            }
        } catch (WhippetException e) {
            // The crash came while opening.
        }
        if (log != null) {
            log.abandon();
        }
        disk.powerLoss(random);

        // A fresh disk model: it does not fsync for real, which keeps 2000 iterations fast.
        StorageContext fresh =
                new StorageContext(new ManualClock(2_000_000), new SimulatedDisk(), flusher, new SplittableRandom(0));
        try (PartitionLog recovered = PartitionLog.open(directory, config, fresh)) {
            List<Batches.Stored> stored = Batches.read(recovered, ReadQuery.of(ReadStart.first(), Integer.MAX_VALUE));
            for (int i = 0; i < stored.size(); i++) {
                assertThat(stored.get(i).offset()).isEqualTo(i);
            }
            for (Acknowledged batch : acknowledged) {
                for (int i = 0; i < batch.count(); i++) {
                    long offset = batch.firstOffset() + i;
                    if (offset >= stored.size()) {
                        fail("acknowledged offset %d lost (%d survived)", offset, stored.size());
                    }
                    assertThat(stored.get((int) offset).payload())
                            .isEqualTo(Batches.payload(batch.tag() + i, batch.payloadSize()));
                }
            }
        }
        deleteTree(directory);
    }

    @Test
    void aFailedFsyncFencesThePartitionUntilRestart() {
        SimulatedDisk disk = new SimulatedDisk();
        StorageContext context = new StorageContext(new ManualClock(1), disk, flusher, new SplittableRandom(1));
        PartitionConfig config = PartitionConfig.defaults().withEnforceFsync(true);
        PartitionLog log = PartitionLog.open(root.resolve("fsync"), config, context);
        log.append(batch(2, 10, 0), 2).join();

        disk.failForces(true);
        assertFailsWith(log.append(batch(1, 10, 2), 1), ErrorCode.CANNOT_SYNC_FILE);
        disk.failForces(false);
        assertFailsWith(log.append(batch(1, 10, 3), 1), ErrorCode.CANNOT_SYNC_FILE);
        assertThat(log.failure()).isNotNull();
        assertThat(Batches.read(log, ReadQuery.of(ReadStart.first(), 10))).hasSizeGreaterThanOrEqualTo(2);
        log.close();

        try (PartitionLog reopened = PartitionLog.open(root.resolve("fsync"), config, context)) {
            assertThat(reopened.failure()).isNull();
            assertThat(reopened.append(batch(1, 10, 4), 1).join().firstOffset()).isEqualTo(3);
        }
    }

    @Test
    void aFailedWriteFencesThePartitionWithoutFsync() {
        SimulatedDisk disk = new SimulatedDisk();
        StorageContext context = new StorageContext(new ManualClock(1), disk, flusher, new SplittableRandom(1));
        PartitionLog log = PartitionLog.open(root.resolve("write"), PartitionConfig.defaults(), context);
        log.append(batch(2, 10, 0), 2).join();

        disk.failWrites(true);
        assertFailsWith(log.append(batch(1, 10, 2), 1), ErrorCode.CANNOT_APPEND_MESSAGE);
        disk.failWrites(false);
        assertFailsWith(log.append(batch(1, 10, 3), 1), ErrorCode.CANNOT_APPEND_MESSAGE);
        assertThat(log.nextOffset()).isEqualTo(2);
        assertThatThrownBy(() -> log.flush(true)).isInstanceOf(WhippetException.class);
        log.close();
    }

    @Test
    void aMessageThresholdAsksTheFlusherForAnFsyncWithoutEnforceFsync() {
        SimulatedDisk disk = new SimulatedDisk();
        StorageContext context = new StorageContext(new ManualClock(1), disk, flusher, new SplittableRandom(1));
        PartitionConfig config = PartitionConfig.defaults().withFlushThresholds(0, 3, 0);
        try (PartitionLog log = PartitionLog.open(root.resolve("thresholds"), config, context)) {
            log.append(batch(2, 10, 0), 2).join();
            disk.failForces(true);
            log.append(batch(2, 10, 2), 2).join();
            // Only an fsync the threshold asked for can fail here; nothing else syncs this partition.
            awaitFence(log);
            disk.failForces(false);
        }
    }

    @Test
    void theFlushIntervalFsyncsWithoutEnforceFsync() {
        SimulatedDisk disk = new SimulatedDisk();
        StorageContext context = new StorageContext(new ManualClock(1), disk, flusher, new SplittableRandom(1));
        PartitionConfig config = PartitionConfig.defaults().withFlushThresholds(1, 0, 0);
        try (PartitionLog log = PartitionLog.open(root.resolve("interval"), config, context)) {
            disk.failForces(true);
            log.append(batch(1, 10, 0), 1).join();
            awaitFence(log);
            disk.failForces(false);
        }
    }

    @Test
    void aRollLeavesTheDirectoryFsyncToTheNextFsyncOffTheAppender() throws IOException {
        SimulatedDisk disk = new SimulatedDisk();
        StorageContext context = new StorageContext(new ManualClock(1), disk, flusher, new SplittableRandom(1));
        PartitionConfig config = PartitionConfig.defaults().withSegmentSizeBytes(200);
        Path directory = root.resolve("roll");
        try (PartitionLog log = PartitionLog.open(directory, config, context)) {
            int syncsAfterOpen = disk.directorySyncers().size();
            for (int i = 0; i < 6; i++) {
                log.append(batch(2, 40, 2L * i), 2).join();
            }
            assertThat(log.segments()).hasSizeGreaterThan(2);
            assertThat(disk.directorySyncers()
                            .subList(syncsAfterOpen, disk.directorySyncers().size()))
                    .doesNotContain(Thread.currentThread());

            log.flush(true);
            log.abandon();
        }
        disk.powerLoss(new SplittableRandom(3));

        // The explicit fsync also made every rolled segment's directory entry durable.
        StorageContext fresh =
                new StorageContext(new ManualClock(2), new SimulatedDisk(), flusher, new SplittableRandom(0));
        try (PartitionLog recovered = PartitionLog.open(directory, config, fresh)) {
            assertThat(recovered.nextOffset()).isEqualTo(12);
        }
    }

    /**
     * Sealed segments are fsynced by the flusher when the partition fsyncs at all; with no
     * enforce_fsync, interval or threshold they are left to the kernel like the active one. Every
     * force fails here, so a sealed segment's fsync would fence the partition; closing the flusher
     * runs whatever it still had queued.
     */
    @ParameterizedTest
    @CsvSource({"0, false", "1000, true"})
    void sealedSegmentsAreFsyncedOnlyWhenThePartitionFsyncsAtAll(long intervalMs, boolean fenced) {
        SimulatedDisk disk = new SimulatedDisk();
        Flusher own = new Flusher("seal");
        StorageContext context = new StorageContext(new ManualClock(1), disk, own, new SplittableRandom(1));
        PartitionConfig config =
                PartitionConfig.defaults().withSegmentSizeBytes(200).withFlushThresholds(intervalMs, 0, 0);
        try (PartitionLog log = PartitionLog.open(root.resolve("seal-" + intervalMs), config, context)) {
            disk.failForces(true);
            for (int i = 0; i < 6; i++) {
                // Once fenced, appends fail; what matters is whether the fence came.
                log.append(batch(2, 40, 2L * i), 2)
                        .handle((result, error) -> result)
                        .join();
            }
            own.close();

            assertThat(log.failure() != null)
                    .as("fenced by a sealed segment's fsync")
                    .isEqualTo(fenced);
            if (!fenced) {
                assertThat(log.segments())
                        .as("rolled, the sealed segments left unsynced")
                        .hasSizeGreaterThan(2);
            }
            log.abandon();
        }
    }

    /** Waits (bounded by the class timeout) for the flusher thread to fence the partition. */
    private static void awaitFence(PartitionLog log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (log.failure() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(log.failure())
                .isNotNull()
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_SYNC_FILE));
    }

    private static void assertFailsWith(CompletableFuture<AppendResult> future, ErrorCode code) {
        assertThatThrownBy(future::join)
                .cause()
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
