package io.whippet.storage;

import static io.whippet.storage.Batches.batch;
import static io.whippet.storage.Batches.offsets;
import static io.whippet.storage.Batches.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartitionLogTest {
    private static final int PAYLOAD = 100;
    private static final int MESSAGE = MessageLayout.HEADER_SIZE + PAYLOAD;

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(1_700_000_000_000_000L);
    private StorageContext context;

    @BeforeEach
    void createContext() {
        context = new StorageContext(clock, FileIo.system(), new Flusher("test"), new SplittableRandom(42));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private PartitionLog open(PartitionConfig config) {
        return PartitionLog.open(directory, config, context);
    }

    private static PartitionConfig segmentsOf(int messages) {
        return PartitionConfig.defaults().withSegmentSizeBytes((long) messages * MESSAGE);
    }

    private static AppendResult append(PartitionLog log, int count, long tag) {
        return log.append(batch(count, PAYLOAD, tag), count).join();
    }

    @Test
    void appendAssignsOffsetsOneTimestampRandomIdsAndChecksums() {
        try (PartitionLog log = open(PartitionConfig.defaults())) {
            AppendResult first = append(log, 3, 0);
            clock.advanceMicros(5);
            AppendResult second = append(log, 2, 3);

            assertThat(first).isEqualTo(new AppendResult(0, 2, clock.micros() - 5));
            assertThat(second).isEqualTo(new AppendResult(3, 4, clock.micros()));
            List<Batches.Stored> messages = read(log, ReadQuery.of(ReadStart.first(), 100));
            assertThat(offsets(messages)).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(messages.get(0).timestampMicros()).isEqualTo(first.timestampMicros());
            assertThat(messages.get(4).timestampMicros()).isEqualTo(second.timestampMicros());
            for (int i = 0; i < messages.size(); i++) {
                Batches.Stored message = messages.get(i);
                assertThat(message.payload()).isEqualTo(Batches.payload(i, PAYLOAD));
                // The UUID's bytes in order are the wire bytes: version nibble in byte 6, variant in byte 8.
                assertThat((message.idLow() >>> 52) & 0xF).as("UUID version").isEqualTo(4);
                assertThat((message.idHigh() & 0xC0) >>> 6).as("UUID variant").isEqualTo(2);
            }
            assertThat(messages.stream().map(Batches.Stored::idLow).distinct()).hasSize(5);
        }
    }

    @Test
    void appendKeepsAnIdTheClientSet() {
        try (PartitionLog log = open(PartitionConfig.defaults())) {
            ByteBuffer batch = batch(1, PAYLOAD, 0);
            batch.putLong(MessageLayout.ID_OFFSET, 7).putLong(MessageLayout.ID_OFFSET + 8, 9);
            log.append(batch, 1).join();

            Batches.Stored message =
                    read(log, ReadQuery.of(ReadStart.first(), 1)).getFirst();
            assertThat(message.idLow()).isEqualTo(7);
            assertThat(message.idHigh()).isEqualTo(9);
        }
    }

    @Test
    void appendRejectsABatchWhoseSizesDoNotAddUp() {
        try (PartitionLog log = open(PartitionConfig.defaults())) {
            assertThatThrownBy(() -> log.append(batch(2, PAYLOAD, 0), 3).join())
                    .hasCauseInstanceOf(WhippetException.class);
            assertThatThrownBy(() -> log.append(batch(2, PAYLOAD, 0), 0).join())
                    .hasCauseInstanceOf(WhippetException.class);
            append(log, 2, 0);
            assertThat(log.nextOffset()).isEqualTo(2);
            assertThat(read(log, ReadQuery.of(ReadStart.first(), 10))).hasSize(2);
        }
    }

    @Test
    void readByOffsetHonoursCountAndByteLimitsWithWholeMessages() {
        try (PartitionLog log = open(PartitionConfig.defaults())) {
            append(log, 10, 0);

            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(3), 4))))
                    .containsExactly(3L, 4L, 5L, 6L);
            assertThat(offsets(read(log, new ReadQuery(ReadStart.atOffset(3), 10, 2L * MESSAGE + 10))))
                    .containsExactly(3L, 4L);
            assertThat(offsets(read(log, new ReadQuery(ReadStart.atOffset(3), 10, 1))))
                    .as("at least one message even when it exceeds maxBytes")
                    .containsExactly(3L);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(8), 10))))
                    .containsExactly(8L, 9L);
        }
    }

    @Test
    void readPastTheEndReturnsNothingAndBelowTheFirstStartsAtTheFirst() {
        try (PartitionLog log = open(segmentsOf(4))) {
            append(log, 4, 0);
            append(log, 4, 4);
            append(log, 2, 8);
            assertThat(log.deleteOldestSegments(1)).isEqualTo(1);

            assertThat(read(log, ReadQuery.of(ReadStart.atOffset(10), 5))).isEmpty();
            assertThat(read(log, ReadQuery.of(ReadStart.atOffset(1_000), 5))).isEmpty();
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(0), 2))))
                    .containsExactly(4L, 5L);
            assertThat(read(log, ReadQuery.of(ReadStart.atOffset(0), 0))).isEmpty();
        }
    }

    @Test
    void readOfAnEmptyPartitionReturnsNothing() {
        try (PartitionLog log = open(PartitionConfig.defaults())) {
            for (ReadStart start :
                    List.of(ReadStart.first(), ReadStart.last(), ReadStart.atOffset(0), ReadStart.atTimestamp(0))) {
                try (ReadResult result = log.read(ReadQuery.of(start, 10))) {
                    assertThat(result.isEmpty()).isTrue();
                }
            }
            assertThat(log.isEmpty()).isTrue();
            assertThat(log.currentOffset()).isZero();
        }
    }

    @Test
    void readFirstLastAndByTimestampAcrossSegments() {
        try (PartitionLog log = open(segmentsOf(4))) {
            long[] timestamps = new long[5];
            for (int batch = 0; batch < 5; batch++) {
                timestamps[batch] = append(log, 3, batch * 3L).timestampMicros();
                clock.advanceMicros(1_000);
            }

            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 5)))).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.last(), 4)))).containsExactly(11L, 12L, 13L, 14L);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.last(), 100)))).hasSize(15);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atTimestamp(timestamps[2]), 4))))
                    .containsExactly(6L, 7L, 8L, 9L);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atTimestamp(timestamps[2] + 1), 1))))
                    .containsExactly(9L);
            assertThat(read(log, ReadQuery.of(ReadStart.atTimestamp(timestamps[4] + 1), 1)))
                    .isEmpty();
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atTimestamp(0), 1))))
                    .containsExactly(0L);
        }
    }

    @Test
    void segmentRollsBeforeABatchWouldExceedTheSegmentSize() {
        try (PartitionLog log = open(segmentsOf(4))) {
            append(log, 4, 0);
            assertThat(log.segmentsCount()).as("exactly full stays").isEqualTo(1);
            append(log, 1, 4);
            assertThat(log.segmentsCount()).isEqualTo(2);
            append(log, 3, 5);
            assertThat(log.segmentsCount()).isEqualTo(2);
            append(log, 6, 8);
            assertThat(log.segmentsCount())
                    .as("an oversized batch gets its own segment")
                    .isEqualTo(3);

            assertThat(log.segments().stream().map(Segment::baseOffset)).containsExactly(0L, 4L, 8L);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.atOffset(2), 100))))
                    .containsExactlyElementsOf(LongStream.range(2, 14).boxed().toList());
            assertThat(log.messagesCount()).isEqualTo(14);
            assertThat(log.sizeBytes()).isEqualTo(14L * MESSAGE);
        }
    }

    @Test
    void reopenAfterCleanCloseKeepsMessagesAndContinuesOffsets() {
        try (PartitionLog log = open(segmentsOf(4))) {
            append(log, 3, 0);
            append(log, 3, 3);
        }
        assertThat(directory.resolve(PartitionLog.CLEAN_SHUTDOWN_MARKER)).exists();
        try (PartitionLog log = open(segmentsOf(4))) {
            assertThat(directory.resolve(PartitionLog.CLEAN_SHUTDOWN_MARKER)).doesNotExist();
            assertThat(log.nextOffset()).isEqualTo(6);
            append(log, 2, 6);
            List<Batches.Stored> messages = read(log, ReadQuery.of(ReadStart.first(), 100));
            assertThat(offsets(messages))
                    .containsExactlyElementsOf(LongStream.range(0, 8).boxed().toList());
            assertThat(messages.get(7).payload()).isEqualTo(Batches.payload(7, PAYLOAD));
        }
    }

    @Test
    void retentionDeletesSealedSegmentsWhoseNewestMessageExpired() {
        try (PartitionLog log = open(segmentsOf(2))) {
            append(log, 2, 0);
            clock.advanceMicros(10_000);
            append(log, 2, 2);
            clock.advanceMicros(10_000);
            append(log, 2, 4);

            assertThat(log.enforceRetention(15_000, Long.MAX_VALUE)).isEqualTo(1);
            assertThat(log.firstOffset()).isEqualTo(2);
            clock.advanceMicros(1_000_000);
            assertThat(log.enforceRetention(15_000, Long.MAX_VALUE))
                    .as("the active segment is never deleted")
                    .isEqualTo(1);
            assertThat(log.segmentsCount()).isEqualTo(1);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 10)))).containsExactly(4L, 5L);
            assertThat(log.enforceRetention(Long.MAX_VALUE, Long.MAX_VALUE)).isZero();
        }
    }

    @Test
    void retentionDeletesOldestSegmentsUntilUnderTheSizeLimit() {
        try (PartitionLog log = open(segmentsOf(2))) {
            for (int i = 0; i < 5; i++) {
                append(log, 2, i * 2L);
            }
            assertThat(log.enforceRetention(Long.MAX_VALUE, 5L * MESSAGE)).isEqualTo(3);
            assertThat(log.firstOffset()).isEqualTo(6);
            assertThat(log.enforceRetention(Long.MAX_VALUE, 0)).isEqualTo(1);
            assertThat(log.segmentsCount()).isEqualTo(1);
            assertThat(log.messagesCount()).isEqualTo(2);
            assertThat(Files.exists(Segment.logPath(directory, 0))).isFalse();
        }
    }

    @Test
    void deleteOldestSegmentsDeletesOnlySealedOnesAndSparesProtectedOffsets() {
        try (PartitionLog log = open(segmentsOf(2))) {
            for (int i = 0; i < 4; i++) {
                append(log, 2, i * 2L);
            }
            assertThat(log.deleteOldestSegments(1, 1))
                    .as("segment 0..1 holds offset 1")
                    .isZero();
            assertThat(log.deleteOldestSegments(1, 2)).isEqualTo(1);
            assertThat(log.deleteOldestSegments(100)).isEqualTo(2);
            assertThat(log.segmentsCount()).isEqualTo(1);
            assertThat(log.firstOffset()).isEqualTo(6);
        }
    }

    @Test
    void purgeDropsEveryMessageAndOffsetsContinueAcrossRestart() {
        try (PartitionLog log = open(segmentsOf(2))) {
            append(log, 2, 0);
            append(log, 1, 2);
            log.purge();
            assertThat(log.isEmpty()).isTrue();
            assertThat(log.segmentsCount()).isEqualTo(1);
            assertThat(log.nextOffset()).isEqualTo(3);
            assertThat(read(log, ReadQuery.of(ReadStart.first(), 10))).isEmpty();
            log.purge();
            assertThat(log.nextOffset()).isEqualTo(3);
        }
        try (PartitionLog log = open(segmentsOf(2))) {
            assertThat(log.isEmpty()).isTrue();
            assertThat(log.nextOffset()).isEqualTo(3);
            assertThat(log.currentOffset()).isEqualTo(2);
            append(log, 1, 3);
            assertThat(offsets(read(log, ReadQuery.of(ReadStart.first(), 10)))).containsExactly(3L);
        }
    }

    @Test
    void aReadStaysValidWhileRetentionDeletesItsSegment() {
        try (PartitionLog log = open(segmentsOf(2))) {
            append(log, 2, 0);
            append(log, 2, 2);
            try (ReadResult result = log.read(ReadQuery.of(ReadStart.first(), 2))) {
                assertThat(log.deleteOldestSegments(1)).isEqualTo(1);
                assertThat(Files.exists(Segment.logPath(directory, 0))).isFalse();
                assertThat(offsets(Batches.parse(result.copyToBuffer()))).containsExactly(0L, 1L);
            }
        }
    }

    @Test
    void writeToTransfersTheSameBytesAsCopy() throws Exception {
        try (PartitionLog log = open(segmentsOf(3))) {
            append(log, 3, 0);
            append(log, 2, 3);
            try (ReadResult result = log.read(ReadQuery.of(ReadStart.first(), 5));
                    var out = new java.io.ByteArrayOutputStream();
                    var channel = java.nio.channels.Channels.newChannel(out)) {
                result.writeTo(channel);
                assertThat(out.toByteArray()).isEqualTo(result.copyToBuffer().array());
                assertThat(result.slices()).hasSize(2);
            }
        }
    }

    @Test
    void enforceFsyncAcknowledgesEveryBatch() {
        try (PartitionLog log = open(segmentsOf(3).withEnforceFsync(true))) {
            var futures = LongStream.range(0, 20)
                    .mapToObj(i -> log.append(batch(1, PAYLOAD, i), 1))
                    .toList();
            assertThat(futures.stream().map(f -> f.join().firstOffset()))
                    .containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
        }
    }

    @Test
    void appendAfterCloseFails() {
        PartitionLog log = open(PartitionConfig.defaults());
        log.close();
        assertThatThrownBy(() -> log.append(batch(1, PAYLOAD, 0), 1).join())
                .cause()
                .isInstanceOfSatisfying(
                        WhippetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CANNOT_APPEND_MESSAGE));
    }

    @Test
    void deleteRemovesTheDirectory() {
        PartitionLog log = open(PartitionConfig.defaults());
        append(log, 2, 0);
        ConsumerOffsets.open(directory, FileIo.system()).store(ConsumerKind.CONSUMER, 1, 1);
        log.delete();
        assertThat(directory).doesNotExist();
    }
}
