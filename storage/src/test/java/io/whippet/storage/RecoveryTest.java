package io.whippet.storage;

import static io.whippet.storage.Batches.batch;
import static io.whippet.storage.Batches.offsets;
import static io.whippet.storage.Batches.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One test per way a crash or the disk can damage a partition directory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecoveryTest {
    private static final int PAYLOAD = 40;
    private static final int MESSAGE = MessageLayout.HEADER_SIZE + PAYLOAD;
    private static final PartitionConfig CONFIG = PartitionConfig.defaults().withSegmentSizeBytes(6L * MESSAGE);

    @TempDir
    Path directory;

    private StorageContext context;

    @BeforeEach
    void createContext() {
        context = new StorageContext(
                new ManualClock(1_000_000), new SimulatedDisk(), new Flusher("test"), new SplittableRandom(1));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    /** Writes 3 batches of 3 (segments 0..5 sealed and 6..8 active) and closes uncleanly. */
    private void writeNineMessagesAndCrash() {
        PartitionLog log = PartitionLog.open(directory, CONFIG, context);
        for (int i = 0; i < 3; i++) {
            log.append(batch(3, PAYLOAD, i * 3L), 3).join();
        }
        crash(log);
    }

    /** Leaves the files as a kill -9 would: no fsync, no marker. */
    private static void crash(PartitionLog log) {
        log.abandon();
    }

    private PartitionLog reopen() {
        return PartitionLog.open(directory, CONFIG, context);
    }

    private Path activeLog() {
        return Segment.logPath(directory, 6);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void recoverTruncatesTheLastBatchTornAtEveryByte() throws IOException {
        writeNineMessagesAndCrash();
        byte[] full = Files.readAllBytes(activeLog());
        byte[] index = Files.readAllBytes(Segment.indexPath(directory, 6));
        for (int cut = 0; cut < full.length; cut++) {
            Files.write(activeLog(), java.util.Arrays.copyOf(full, cut));
            Files.write(Segment.indexPath(directory, 6), index);
            int whole = cut / MESSAGE;
            try (PartitionLog log = reopen()) {
                assertThat(log.nextOffset()).as("cut at %d", cut).isEqualTo(6 + whole);
                assertThat(Files.size(activeLog())).isEqualTo((long) whole * MESSAGE);
                assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 100))))
                        .containsExactlyElementsOf(range(0, 6 + whole));
            }
            Files.deleteIfExists(directory.resolve(PartitionLog.CLEAN_SHUTDOWN_MARKER));
        }
    }

    @Test
    void recoverDropsJunkAppendedAfterTheLastMessage() throws IOException {
        writeNineMessagesAndCrash();
        byte[] junk = new byte[5000];
        new SplittableRandom(7).nextBytes(junk);
        Files.write(activeLog(), junk, StandardOpenOption.APPEND);

        try (PartitionLog log = reopen()) {
            assertThat(log.nextOffset()).isEqualTo(9);
            assertThat(Files.size(activeLog())).isEqualTo(3L * MESSAGE);
            log.append(batch(1, PAYLOAD, 9), 1).join();
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 100))))
                    .containsExactlyElementsOf(range(0, 10));
        }
    }

    @Test
    void recoverDropsATailOfZeroesLikeAPreallocatedFile() throws IOException {
        writeNineMessagesAndCrash();
        Files.write(activeLog(), new byte[3 * MESSAGE], StandardOpenOption.APPEND);

        try (PartitionLog log = reopen()) {
            assertThat(log.nextOffset()).isEqualTo(9);
        }
    }

    @Test
    void aBitFlippedInAMiddleMessageFailsReadsOfItButLaterMessagesStayReadable() throws IOException {
        writeNineMessagesAndCrash();
        flipBit(activeLog(), MESSAGE + MessageLayout.HEADER_SIZE + 3);

        try (PartitionLog log = reopen()) {
            assertThat(log.nextOffset()).as("nothing valid was truncated").isEqualTo(9);
            assertThatThrownBy(() -> log.read(ReadQuery.of(ReadStart.atOffset(7), 1)))
                    .isInstanceOfSatisfying(
                            WhippetException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_MESSAGE_CHECKSUM));
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(8), 10))))
                    .containsExactly(8L);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(5), 10))))
                    .as("a read stops before the corrupt range")
                    .containsExactly(5L, 6L);
            log.append(batch(1, PAYLOAD, 9), 1).join();
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(8), 10))))
                    .containsExactly(8L, 9L);
        }
    }

    @Test
    void aCorruptLengthInAMiddleMessageIsSkippedByResynchronising() throws IOException {
        writeNineMessagesAndCrash();
        try (RandomAccessFile file = new RandomAccessFile(activeLog().toFile(), "rw")) {
            file.seek(MESSAGE + MessageLayout.PAYLOAD_LENGTH_OFFSET);
            file.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
        }

        try (PartitionLog log = reopen()) {
            assertThat(log.nextOffset()).isEqualTo(9);
            assertThatThrownBy(() -> log.read(ReadQuery.of(ReadStart.atOffset(7), 1)))
                    .isInstanceOf(WhippetException.class);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(8), 10))))
                    .containsExactly(8L);
        }
    }

    @Test
    void aBitFlippedInASealedSegmentIsCaughtWhenReadsValidateChecksums() throws IOException {
        try (PartitionLog log = reopen()) {
            for (int i = 0; i < 3; i++) {
                log.append(batch(3, PAYLOAD, i * 3L), 3).join();
            }
        }
        // After a clean shutdown nothing is scanned: only reads that validate can catch this.
        flipBit(Segment.logPath(directory, 0), 2 * MESSAGE + 70);

        try (PartitionLog log = PartitionLog.open(directory, CONFIG.withValidateChecksumOnRead(true), context)) {
            assertThatThrownBy(() -> log.read(ReadQuery.of(ReadStart.first(), 5)))
                    .isInstanceOfSatisfying(
                            WhippetException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_MESSAGE_CHECKSUM));
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(3), 3))))
                    .containsExactly(3L, 4L, 5L);
        }
    }

    @Test
    void aBitFlippedInTheNewestSealedSegmentIsFoundByTheScanAfterACrash() throws IOException {
        writeNineMessagesAndCrash();
        flipBit(Segment.logPath(directory, 0), 2 * MESSAGE + 70);

        try (PartitionLog log = reopen()) {
            assertThat(log.segments().getFirst().corruptRanges()).containsExactly(new OffsetRange(2, 2));
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 5)))).containsExactly(0L, 1L);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(3), 3))))
                    .containsExactly(3L, 4L, 5L);
        }
    }

    @Test
    void aSealedSegmentThatLostItsTailDropsTheUnsyncedSegmentsAfterTheGap() throws IOException {
        writeNineMessagesAndCrash();
        truncate(Segment.logPath(directory, 0), 4L * MESSAGE + 10);

        try (PartitionLog log = reopen()) {
            assertThat(log.nextOffset()).isEqualTo(4);
            assertThat(Segment.logPath(directory, 6)).doesNotExist();
            log.append(batch(1, PAYLOAD, 4), 1).join();
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 100)))).containsExactlyElementsOf(range(0, 5));
        }
    }

    @Test
    void recoverRebuildsADeletedIndex() throws IOException {
        writeNineMessagesAndCrash();
        Files.delete(Segment.indexPath(directory, 0));
        Files.delete(Segment.indexPath(directory, 6));

        assertAllNineReadable();
        assertThat(Files.size(Segment.indexPath(directory, 0))).isEqualTo(6L * SegmentIndex.ENTRY_SIZE);
    }

    @Test
    void recoverRebuildsAShortIndex() throws IOException {
        writeNineMessagesAndCrash();
        truncate(Segment.indexPath(directory, 0), 2L * SegmentIndex.ENTRY_SIZE + 5);
        truncate(Segment.indexPath(directory, 6), SegmentIndex.ENTRY_SIZE);

        assertAllNineReadable();
        assertThat(Files.size(Segment.indexPath(directory, 0))).isEqualTo(6L * SegmentIndex.ENTRY_SIZE);
    }

    @Test
    void recoverRebuildsAnIndexFullOfGarbage() throws IOException {
        writeNineMessagesAndCrash();
        byte[] garbage = new byte[6 * SegmentIndex.ENTRY_SIZE];
        new SplittableRandom(3).nextBytes(garbage);
        Files.write(Segment.indexPath(directory, 0), garbage);
        Files.write(Segment.indexPath(directory, 6), garbage);

        assertAllNineReadable();
    }

    @Test
    void aCrashDuringASegmentRollLeavesAnEmptyNewSegmentThatBecomesActive() throws IOException {
        writeNineMessagesAndCrash();
        Files.createFile(Segment.logPath(directory, 9));

        try (PartitionLog log = reopen()) {
            assertThat(log.segmentsCount()).isEqualTo(3);
            assertThat(log.nextOffset()).isEqualTo(9);
            log.append(batch(2, PAYLOAD, 9), 2).join();
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 100))))
                    .containsExactlyElementsOf(range(0, 11));
        }
    }

    @Test
    void anEmptySealedSegmentLeftByACrashIsDeleted() throws IOException {
        writeNineMessagesAndCrash();
        Files.createFile(Segment.logPath(directory, 3));

        try (PartitionLog log = reopen()) {
            assertThat(Segment.logPath(directory, 3)).doesNotExist();
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 100)))).containsExactlyElementsOf(range(0, 9));
        }
    }

    @Test
    void theCleanShutdownMarkerSkipsTheScan() throws IOException {
        try (PartitionLog log = reopen()) {
            log.append(batch(3, PAYLOAD, 0), 3).join();
        }
        // Damage that only a scan could see: a payload byte. The marker says no scan is needed.
        flipBit(Segment.logPath(directory, 0), MessageLayout.HEADER_SIZE + 1);
        try (PartitionLog log = reopen()) {
            assertThat(log.segments().getFirst().corruptRanges()).isEmpty();
        }
        flipBit(Segment.logPath(directory, 0), MessageLayout.HEADER_SIZE + 1);
        flipBit(Segment.logPath(directory, 0), MessageLayout.HEADER_SIZE + 1);
        Files.deleteIfExists(directory.resolve(PartitionLog.CLEAN_SHUTDOWN_MARKER));
        try (PartitionLog log = reopen()) {
            assertThat(log.segments().getFirst().corruptRanges()).containsExactly(new OffsetRange(0, 0));
        }
    }

    @Test
    void aHugeLengthFieldIsBoundedBeforeAnyAllocation() throws IOException {
        writeNineMessagesAndCrash();
        try (RandomAccessFile file = new RandomAccessFile(activeLog().toFile(), "rw")) {
            file.seek(2L * MESSAGE + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
            file.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        }
        try (PartitionLog log = reopen()) {
            assertThat(log.nextOffset()).isEqualTo(8);
        }
    }

    private void assertAllNineReadable() {
        try (PartitionLog log = reopen()) {
            assertThat(log.nextOffset()).isEqualTo(9);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 100)))).containsExactlyElementsOf(range(0, 9));
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(4), 3))))
                    .containsExactly(4L, 5L, 6L);
        }
    }

    private static void flipBit(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0x10);
        }
    }

    @Test
    void aFailedDirectoryFsyncAfterRetentionFencesThePartition() {
        SimulatedDisk disk = new SimulatedDisk();
        // A closed flusher runs its background work inline, so the fsync below happens in order.
        Flusher flusher = new Flusher("inline");
        flusher.close();
        StorageContext inline = new StorageContext(new ManualClock(1_000_000), disk, flusher, new SplittableRandom(1));
        PartitionLog log = PartitionLog.open(directory, CONFIG, inline);
        for (int i = 0; i < 3; i++) {
            log.append(batch(3, PAYLOAD, i * 3L), 3).join();
        }
        // Retention deletes segment 0's log and index, then fsyncs the directory: that one fails.
        disk.crashAfterOperations(disk.operations() + 2);

        assertThat(log.enforceRetention(Long.MAX_VALUE, 3L * MESSAGE)).isEqualTo(1);

        assertThat(log.failure())
                .isNotNull()
                .extracting(WhippetException::errorCode)
                .isEqualTo(ErrorCode.CANNOT_SYNC_FILE);
        assertThatThrownBy(() -> log.append(batch(1, PAYLOAD, 9), 1).join()).hasCauseInstanceOf(WhippetException.class);
        log.abandon();
    }
}
