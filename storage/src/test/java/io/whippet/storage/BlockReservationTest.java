package io.whippet.storage;

import static io.whippet.storage.Batches.batch;
import static io.whippet.storage.Batches.offsets;
import static io.whippet.storage.Batches.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whippet.protocol.MessageLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks reserved past a segment's end: the file's length never changes, the flusher reserves
 * before it fsyncs the active segment, and a sealed segment gives back what it did not use. Where
 * the temp directory's file system cannot reserve (the assumption), there is nothing to check.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlockReservationTest {
    private static final int PAYLOAD = 1000;
    private static final int MESSAGE = MessageLayout.HEADER_SIZE + PAYLOAD;
    private static final long MIB = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void reservingKeepsTheLengthAndReleasingGivesTheBlocksBack() throws Exception {
        Path file = directory.resolve("file");
        Files.write(file, new byte[10_000]);
        BlockReservation.FileId id = Objects.requireNonNull(BlockReservation.FileId.of(file));
        assumeTrue(BlockReservation.reserve(file, id, 10_000, 8 * MIB), "file system cannot reserve blocks");

        assertThat(Files.size(file)).isEqualTo(10_000);
        assertThat(allocatedBytes(file)).isGreaterThanOrEqualTo(8 * MIB);

        assertThat(BlockReservation.release(file, id, 10_000)).isTrue();
        assertThat(Files.size(file)).isEqualTo(10_000);
        assertThat(allocatedBytes(file)).isLessThan(MIB);
        assertThat(Files.readAllBytes(file)).containsOnly(0);
    }

    @Test
    void aMissingFileIsNoFailure() {
        BlockReservation.FileId id = new BlockReservation.FileId(1, 1, 1);
        assertThat(BlockReservation.reserve(directory.resolve("missing"), id, 0, MIB))
                .isFalse();
        assertThat(BlockReservation.release(directory.resolve("missing"), id, 0))
                .isFalse();
    }

    @Test
    void anotherFileUnderTheSameNameIsLeftAlone() throws Exception {
        // A purge deletes a segment and may create the next one under the same name: releasing
        // the old one must not truncate the new one to the old one's length.
        Path file = directory.resolve("segment.log");
        Files.write(file, new byte[100]);
        BlockReservation.FileId old = Objects.requireNonNull(BlockReservation.FileId.of(file));
        Files.delete(file);
        Files.write(file, new byte[5000]);
        assertThat(BlockReservation.FileId.of(file)).isNotEqualTo(old);

        assertThat(BlockReservation.release(file, old, 100)).isFalse();
        assertThat(BlockReservation.reserve(file, old, 5000, MIB)).isFalse();
        assertThat(Files.size(file)).isEqualTo(5000);
    }

    @Test
    void theFlusherReservesAheadOfTheActiveSegmentAndASealedOneGivesItBack() throws Exception {
        Path probe = directory.resolve("probe");
        Files.write(probe, new byte[1]);
        assumeTrue(
                BlockReservation.reserve(probe, Objects.requireNonNull(BlockReservation.FileId.of(probe)), 1, MIB),
                "file system cannot reserve blocks");
        Files.delete(probe);

        Path partition = directory.resolve("partition");
        // 8 MiB segments, fsynced by interval (the default): the flusher reserves before each fsync.
        PartitionConfig config = PartitionConfig.defaults().withSegmentSizeBytes(8 * MIB);
        StorageContext context = new StorageContext(
                new ManualClock(1_700_000_000_000_000L), FileIo.system(), new Flusher("test"), new SplittableRandom(7));
        try (context;
                PartitionLog log = PartitionLog.open(partition, config, context)) {
            appendMessages(log, 0, 3000); // ~3.2 MB
            log.flush(true);
            Path first = Segment.logPath(partition, 0);
            long firstSize = Files.size(first);
            assertThat(firstSize).isEqualTo(3000L * MESSAGE);
            // Twice what the fsync covered, capped at the segment size.
            assertThat(allocatedBytes(first)).isGreaterThanOrEqualTo(8 * MIB - 64 * 1024);

            appendMessages(log, 3000, 9000); // rolls into a second segment past 8 MiB
            log.flush(true);
            assertThat(log.segmentsCount()).isEqualTo(2);
            long sealedSize = Files.size(first);
            assertThat(allocatedBytes(first)).isLessThan(sealedSize + 64 * 1024);

            List<Batches.Stored> messages = read(log, ReadQuery.of(ReadStart.first(), 10_000));
            assertThat(offsets(messages))
                    .containsExactlyElementsOf(LongStream.range(0, 9000).boxed().toList());
        }
        // Reopened after a clean close: the same messages, nothing read from the reserved blocks.
        StorageContext again = new StorageContext(
                new ManualClock(1_700_000_000_000_000L), FileIo.system(), new Flusher("test"), new SplittableRandom(7));
        try (again;
                PartitionLog log = PartitionLog.open(partition, config, again)) {
            assertThat(log.nextOffset()).isEqualTo(9000);
            assertThat(read(log, ReadQuery.of(ReadStart.first(), 10_000))).hasSize(9000);
        }
    }

    private static void appendMessages(PartitionLog log, long from, long to) {
        for (long tag = from; tag < to; tag += 100) {
            log.append(batch(100, PAYLOAD, tag), 100).join();
        }
    }

    /** What the file system allocated to the file ({@code stat}'s blocks, in bytes). */
    private static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(stat.waitFor()).as(out).isZero();
        String[] fields = out.split(" ");
        return Long.parseLong(fields[0]) * Long.parseLong(fields[1]);
    }
}
