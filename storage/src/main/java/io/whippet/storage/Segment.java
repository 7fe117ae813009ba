package io.whippet.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One segment: a log file of messages in wire layout and its {@link SegmentIndex}, named by the
 * segment's base offset ({@code 00000000000000000042.log} and {@code .index}).
 *
 * <p>Threads: the partition's appender writes the active segment; readers read any segment
 * through a reference taken with {@link #tryRetain()}. The partition holds one reference while
 * the segment is part of the log; the channels close when the last reference is released, so a
 * read in flight keeps its bytes even if retention deletes the files meanwhile (Linux keeps an
 * unlinked file readable through open descriptors).
 */
final class Segment {
    /** The most {@link #reserveAhead} reserves past the log's end. */
    static final long MAX_RESERVE_AHEAD_BYTES = 512L << 20;

    private static final long MIN_RESERVE_AHEAD_BYTES = 1L << 20;

    private final long baseOffset;
    private final Path logPath;
    private final Path indexPath;
    private final FileChannel log;
    private final FileChannel indexChannel;
    private final List<OffsetRange> corruptRanges;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile SegmentIndex index;
    // Guarded by this: the log's blocks are reserved up to reservedEndBytes (BlockReservation);
    // a sealed segment's reservation is given back once, and none is made after that.
    private long reservedEndBytes;
    private boolean reserveReleased;
    /** The log file's identity when opened, or null where it cannot be known (no reservations). */
    private final BlockReservation.@Nullable FileId logFileId;

    Segment(
            long baseOffset,
            Path directory,
            FileChannel log,
            FileChannel indexChannel,
            SegmentIndex index,
            List<OffsetRange> corruptRanges) {
        this.baseOffset = baseOffset;
        this.logPath = logPath(directory, baseOffset);
        this.indexPath = indexPath(directory, baseOffset);
        this.log = log;
        this.logFileId = BlockReservation.FileId.of(logPath);
        this.indexChannel = indexChannel;
        this.index = index;
        this.corruptRanges = List.copyOf(corruptRanges);
    }

    static Path logPath(Path directory, long baseOffset) {
        return directory.resolve(String.format("%020d.log", baseOffset));
    }

    static Path indexPath(Path directory, long baseOffset) {
        return directory.resolve(String.format("%020d.index", baseOffset));
    }

    long baseOffset() {
        return baseOffset;
    }

    Path logPath() {
        return logPath;
    }

    Path indexPath() {
        return indexPath;
    }

    FileChannel log() {
        return log;
    }

    FileChannel indexChannel() {
        return indexChannel;
    }

    SegmentIndex index() {
        return index;
    }

    List<OffsetRange> corruptRanges() {
        return corruptRanges;
    }

    int messageCount() {
        return index.count();
    }

    long sizeBytes() {
        SegmentIndex current = index;
        return current.sizeBytes(current.count());
    }

    /** One past the last offset this segment holds. */
    long nextOffset() {
        return baseOffset + index.count();
    }

    long lastTimestampMicros() {
        SegmentIndex current = index;
        int count = current.count();
        return count == 0 ? 0 : current.timestampMicros(count - 1);
    }

    /**
     * Flusher, before it fsyncs this (active) segment: reserves the log's blocks from its end to
     * {@code aheadBytes} past it (clamped to 1 MiB .. {@value #MAX_RESERVE_AHEAD_BYTES} bytes,
     * never past {@code segmentSizeBytes}), so that the appends until the next fsync write into
     * blocks that the fsync's write-back need not allocate (see {@link BlockReservation}). Here
     * and not on the appender: reserving waits for the same lock as an append would, and the
     * flusher is the thread that would otherwise hold it. Calls the file system only when less
     * than half of that lies reserved ahead; one that refuses is not asked again.
     */
    synchronized void reserveAhead(FileIo io, long aheadBytes, long segmentSizeBytes) {
        if (reserveReleased || reservedEndBytes == Long.MAX_VALUE || logFileId == null) {
            return;
        }
        long end = sizeBytes();
        long ahead = Math.clamp(aheadBytes, MIN_RESERVE_AHEAD_BYTES, MAX_RESERVE_AHEAD_BYTES);
        long target = Math.min(end + ahead, segmentSizeBytes);
        if (reservedEndBytes >= Math.min(end + ahead / 2, target)) {
            return;
        }
        long from = Math.max(reservedEndBytes, end);
        reservedEndBytes = io.reserveBlocks(logPath, logFileId, from, target - from) ? target : Long.MAX_VALUE;
    }

    /**
     * Flusher, once this segment is sealed and forced (or the partition closes): gives back the
     * blocks reserved past the log's end, up to {@value #MAX_RESERVE_AHEAD_BYTES} bytes of disk.
     */
    synchronized void releaseReserve(FileIo io) {
        if (!reserveReleased && reservedEndBytes > 0 && reservedEndBytes != Long.MAX_VALUE && logFileId != null) {
            try {
                io.releaseBlocks(logPath, logFileId, log.size());
            } catch (IOException e) {
                // Best effort, like the reservation: the blocks go when the segment is deleted.
            }
        }
        reserveReleased = true;
    }

    /** Appender: after the files are forced, swaps the in-memory index for a mapping of its file. */
    void seal() throws IOException {
        int count = index.count();
        index = new MappedIndex(
                indexChannel.map(FileChannel.MapMode.READ_ONLY, 0, (long) count * SegmentIndex.ENTRY_SIZE));
    }

    boolean tryRetain() {
        while (true) {
            int current = references.get();
            if (current == 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            closeChannels();
        }
    }

    private void closeChannels() {
        try {
            log.close();
        } catch (IOException ignored) {
            // Nothing was pending on a read-only use; closing cannot lose data.
        }
        try {
            indexChannel.close();
        } catch (IOException ignored) {
            // As above.
        }
    }

    @Override
    public String toString() {
        return "Segment[" + baseOffset + ", " + index.count() + " messages]";
    }
}
