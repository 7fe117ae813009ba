package io.whippet.storage;

import io.whippet.protocol.MessageLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds a segment's index from its log, verifying every message: its lengths are in bounds,
 * its offset is the next expected one and its checksum matches.
 *
 * <p>At the first bad message the scanner looks for a valid message after it (a plausible offset
 * field, sane lengths, a matching checksum). If one exists, the bad bytes are corruption in the
 * middle: their offsets are recorded as a corrupt range that reads refuse, and the scan carries on
 * after them, so valid data is never thrown away. If none exists, the bad bytes are a torn tail
 * and the valid size ends where they begin. Every length is bounded before anything is read or
 * allocated for it.
 */
final class SegmentScanner {
    /** The outcome: the rebuilt index, where valid data ends, and the offsets that are corrupt. */
    record Result(GrowableIndex index, long validSizeBytes, List<OffsetRange> corruptRanges) {}

    private record Resync(long position, long offset, long timestampMicros) {}

    private final long baseOffset;
    private final long fileSize;
    private final ChunkReader reader;
    private final ChunkReader verifier;

    private SegmentScanner(FileChannel log, long baseOffset, long fileSize) {
        this.baseOffset = baseOffset;
        // Positions are u32 and segments are at most 2 GiB by configuration; anything beyond cannot be ours.
        this.fileSize = Math.min(fileSize, Integer.MAX_VALUE);
        this.reader = new ChunkReader(log, this.fileSize, ChunkReader.CHUNK_SIZE);
        this.verifier = new ChunkReader(log, this.fileSize, 1 << 16);
    }

    static Result scan(FileChannel log, long baseOffset) throws IOException {
        SegmentScanner scanner = new SegmentScanner(log, baseOffset, log.size());
        try (scanner.reader;
                scanner.verifier) {
            return scanner.scan();
        }
    }

    private Result scan() throws IOException {
        GrowableIndex index = new GrowableIndex((int) Math.min(fileSize / 256, 1 << 20));
        List<OffsetRange> corrupt = new ArrayList<>();
        long position = 0;
        long expected = baseOffset;
        while (position < fileSize) {
            long size = validMessageSize(reader, position, expected);
            if (size > 0) {
                ByteBuffer window = reader.window(position, MessageLayout.HEADER_SIZE);
                long timestamp = window.getLong(reader.indexOf(position) + MessageLayout.TIMESTAMP_OFFSET);
                position += size;
                index.add((int) position, timestamp);
                expected++;
                continue;
            }
            Resync next = findNextValid(position + 1, position, expected);
            if (next == null) {
                break;
            }
            corrupt.add(new OffsetRange(expected, next.offset() - 1));
            for (long offset = expected; offset < next.offset(); offset++) {
                index.add((int) next.position(), next.timestampMicros());
            }
            expected = next.offset();
            position = next.position();
        }
        index.publish();
        return new Result(index, position, corrupt);
    }

    /** The size of the valid message with offset {@code expected} at {@code position}, or -1. */
    private long validMessageSize(ChunkReader chunks, long position, long expected) throws IOException {
        if (fileSize - position < MessageLayout.HEADER_SIZE) {
            return -1;
        }
        ByteBuffer window = chunks.window(position, MessageLayout.HEADER_SIZE);
        int at = chunks.indexOf(position);
        long size = MessageLayout.messageSize(window, at);
        if (size < 0 || size > fileSize - position) {
            return -1;
        }
        if (window.getLong(at + MessageLayout.OFFSET_OFFSET) != expected) {
            return -1;
        }
        window = chunks.window(position, (int) size);
        at = chunks.indexOf(position);
        long checksum = window.getLong(at + MessageLayout.CHECKSUM_OFFSET);
        return checksum == chunks.checksum(position, (int) size) ? size : -1;
    }

    /**
     * The first valid message at or after {@code from} whose offset could follow the bad bytes
     * starting at {@code badStart}: each skipped message takes at least a header, which bounds how
     * far its offset can be from {@code expected}.
     */
    private @Nullable Resync findNextValid(long from, long badStart, long expected) throws IOException {
        long position = from;
        while (fileSize - position >= MessageLayout.HEADER_SIZE) {
            int length = (int) Math.min(ChunkReader.CHUNK_SIZE, fileSize - position);
            ByteBuffer window = reader.window(position, length);
            int base = reader.indexOf(position);
            long lastCandidate = position + length - MessageLayout.HEADER_SIZE;
            for (long candidate = position; candidate <= lastCandidate; candidate++) {
                long offset = window.getLong(base + (int) (candidate - position) + MessageLayout.OFFSET_OFFSET);
                long maxSkipped = (candidate - badStart) / MessageLayout.HEADER_SIZE;
                if (offset > expected && offset - expected <= maxSkipped) {
                    long size = validMessageSize(verifier, candidate, offset);
                    if (size > 0) {
                        ByteBuffer header = verifier.window(candidate, MessageLayout.HEADER_SIZE);
                        long timestamp = header.getLong(verifier.indexOf(candidate) + MessageLayout.TIMESTAMP_OFFSET);
                        return new Resync(candidate, offset, timestamp);
                    }
                }
            }
            position = lastCandidate + 1;
        }
        return null;
    }
}
