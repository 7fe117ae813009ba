package io.whippet.storage;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.MessageChecksum;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Answers reads over a snapshot of a partition's segments: resolves the start, walks the dense
 * indexes to apply the count and byte limits, and returns file slices with the segments retained.
 *
 * <p>Runs on any reader thread. A segment retired by retention between taking the snapshot and
 * retaining it makes the read start over on a fresh snapshot.
 */
final class LogReader {
    private final Supplier<List<Segment>> segments;
    private final boolean validateChecksums;

    LogReader(Supplier<List<Segment>> segments, boolean validateChecksums) {
        this.segments = segments;
        this.validateChecksums = validateChecksums;
    }

    ReadResult read(ReadQuery query) {
        if (query.maxMessages() == 0) {
            return ReadResult.empty();
        }
        while (true) {
            ReadResult result = tryRead(segments.get(), query);
            if (result != null) {
                return result;
            }
        }
    }

    /** The first retained offset of a snapshot, or its next offset when it holds no message. */
    static long firstOffset(List<Segment> snapshot) {
        for (Segment segment : snapshot) {
            if (segment.messageCount() > 0) {
                return segment.baseOffset();
            }
        }
        return snapshot.getLast().nextOffset();
    }

    private @Nullable ReadResult tryRead(List<Segment> snapshot, ReadQuery query) {
        long next = snapshot.getLast().nextOffset();
        long first = firstOffset(snapshot);
        if (first >= next) {
            return ReadResult.empty();
        }
        long start = switch (query.start()) {
            case ReadStart.AtOffset(long offset) -> Math.max(offset, first);
            case ReadStart.First() -> first;
            case ReadStart.Last() -> Math.max(first, next - query.maxMessages());
            case ReadStart.AtTimestamp(long micros) -> offsetAtTimestamp(snapshot, micros, next);
        };
        if (start >= next) {
            return ReadResult.empty();
        }
        return collect(snapshot, start, query);
    }

    private static long offsetAtTimestamp(List<Segment> snapshot, long micros, long next) {
        for (Segment segment : snapshot) {
            SegmentIndex index = segment.index();
            int count = index.count();
            if (count > 0 && index.timestampMicros(count - 1) >= micros) {
                return segment.baseOffset() + index.firstAtOrAfter(micros, count);
            }
        }
        return next;
    }

    private @Nullable ReadResult collect(List<Segment> snapshot, long start, ReadQuery query) {
        List<FileSlice> slices = new ArrayList<>();
        List<Segment> retained = new ArrayList<>();
        long remainingMessages = query.maxMessages();
        long remainingBytes = query.maxBytes();
        long firstOffset = -1;
        long nextToRead = start;
        long totalBytes = 0;
        int messages = 0;
        try {
            for (Segment segment : snapshot) {
                SegmentIndex index = segment.index();
                int count = index.count();
                long base = segment.baseOffset();
                if (base + count <= nextToRead || count == 0) {
                    continue;
                }
                int from = (int) Math.max(0, nextToRead - base);
                int to = (int) Math.min(count, from + remainingMessages);
                for (OffsetRange corrupt : segment.corruptRanges()) {
                    if (corrupt.contains(base + from)) {
                        if (slices.isEmpty()) {
                            throw new WhippetException(
                                    ErrorCode.INVALID_MESSAGE_CHECKSUM,
                                    "offsets " + corrupt.first() + ".." + corrupt.last() + " are corrupt on disk");
                        }
                        to = from;
                    } else if (corrupt.first() > base + from && corrupt.first() < base + to) {
                        to = (int) (corrupt.first() - base);
                    }
                }
                if (to <= from) {
                    break;
                }
                long startPosition = index.startPosition(from);
                long limit = remainingBytes > Long.MAX_VALUE - startPosition
                        ? Long.MAX_VALUE
                        : startPosition + remainingBytes;
                int last = index.lastEndingAtOrBefore(from, to, limit);
                if (last < from) {
                    if (!slices.isEmpty()) {
                        break;
                    }
                    last = from;
                }
                if (!segment.tryRetain()) {
                    return null;
                }
                retained.add(segment);
                long size = Integer.toUnsignedLong(index.endPosition(last)) - startPosition;
                slices.add(new FileSlice(segment.log(), startPosition, (int) size));
                if (firstOffset < 0) {
                    firstOffset = base + from;
                }
                int taken = last - from + 1;
                messages += taken;
                totalBytes += size;
                remainingBytes -= Math.min(remainingBytes, size);
                remainingMessages -= taken;
                nextToRead = base + last + 1;
                if (remainingMessages == 0 || last + 1 < to || to < count) {
                    break;
                }
            }
            ReadResult result = new ReadResult(messages, firstOffset, nextToRead - 1, totalBytes, slices, retained);
            if (validateChecksums) {
                verify(result);
            }
            return result;
        } catch (RuntimeException e) {
            retained.forEach(Segment::release);
            throw e;
        }
    }

    /** Re-reads the slices and checks every message's checksum and offset. */
    private static void verify(ReadResult result) {
        long expected = result.firstOffset();
        for (FileSlice slice : result.slices()) {
            ByteBuffer bytes = ByteBuffer.allocate(slice.sizeBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            try {
                while (bytes.hasRemaining()) {
                    if (slice.channel().read(bytes, slice.position() + bytes.position()) < 0) {
                        throw new WhippetException(ErrorCode.CANNOT_READ_MESSAGE, "segment file ended early");
                    }
                }
            } catch (IOException e) {
                throw new WhippetException(ErrorCode.CANNOT_READ_MESSAGE, "cannot read messages: " + e.getMessage(), e);
            }
            int at = 0;
            while (at < bytes.capacity()) {
                long size =
                        bytes.capacity() - at >= MessageLayout.HEADER_SIZE ? MessageLayout.messageSize(bytes, at) : -1;
                if (size < 0 || size > bytes.capacity() - at) {
                    throw new WhippetException(
                            ErrorCode.CANNOT_READ_MESSAGE, "message at offset " + expected + " has bad lengths");
                }
                if (bytes.getLong(at + MessageLayout.OFFSET_OFFSET) != expected
                        || bytes.getLong(at + MessageLayout.CHECKSUM_OFFSET)
                                != MessageChecksum.compute(bytes, at, (int) size)) {
                    throw new WhippetException(
                            ErrorCode.INVALID_MESSAGE_CHECKSUM, "message at offset " + expected + " is corrupt");
                }
                at += (int) size;
                expected++;
            }
        }
    }
}
