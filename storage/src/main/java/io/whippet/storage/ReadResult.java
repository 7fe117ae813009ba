package io.whippet.storage;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The messages a read found, as slices of segment files in wire layout (whole messages, back to
 * back, in offset order). The slices stay valid until {@link #close()}, even if retention deletes
 * their segments meanwhile: the result holds a reference to each segment it reads from. Close it
 * exactly once, from any thread.
 */
public final class ReadResult implements AutoCloseable {
    private static final ReadResult EMPTY = new ReadResult(0, 0, -1, 0, List.of(), List.of());

    private final int messageCount;
    private final long firstOffset;
    private final long lastOffset;
    private final long sizeBytes;
    private final List<FileSlice> slices;
    private final List<Segment> retained;
    private final AtomicBoolean closed = new AtomicBoolean();

    ReadResult(
            int messageCount,
            long firstOffset,
            long lastOffset,
            long sizeBytes,
            List<FileSlice> slices,
            List<Segment> retained) {
        this.messageCount = messageCount;
        this.firstOffset = firstOffset;
        this.lastOffset = lastOffset;
        this.sizeBytes = sizeBytes;
        this.slices = List.copyOf(slices);
        this.retained = List.copyOf(retained);
    }

    static ReadResult empty() {
        return EMPTY;
    }

    public int messageCount() {
        return messageCount;
    }

    public boolean isEmpty() {
        return messageCount == 0;
    }

    /** The offset of the first message; meaningless when empty. */
    public long firstOffset() {
        return firstOffset;
    }

    /** The offset of the last message; meaningless when empty. */
    public long lastOffset() {
        return lastOffset;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public List<FileSlice> slices() {
        return slices;
    }

    /** The messages copied into a new little-endian heap buffer (position 0, limit = size). */
    public ByteBuffer copyToBuffer() {
        if (sizeBytes > Integer.MAX_VALUE - 16) {
            throw new WhippetException(
                    ErrorCode.CANNOT_READ_MESSAGE, "read of " + sizeBytes + " bytes is too large to copy");
        }
        ByteBuffer target = ByteBuffer.allocate((int) sizeBytes).order(ByteOrder.LITTLE_ENDIAN);
        copyTo(target);
        return target.flip();
    }

    /** Copies the messages into {@code target} at its position, which must have room for them. */
    public void copyTo(ByteBuffer target) {
        try {
            for (FileSlice slice : slices) {
                int end = target.position() + slice.sizeBytes();
                ByteBuffer view = target.duplicate().limit(end);
                long position = slice.position();
                while (view.hasRemaining()) {
                    int read = slice.channel().read(view, position);
                    if (read < 0) {
                        throw new WhippetException(ErrorCode.CANNOT_READ_MESSAGE, "segment file ended at " + position);
                    }
                    position += read;
                }
                target.position(end);
            }
        } catch (IOException e) {
            throw new WhippetException(ErrorCode.CANNOT_READ_MESSAGE, "cannot read messages: " + e.getMessage(), e);
        }
    }

    /** Transfers the messages to {@code target} without copying them through the heap. */
    public void writeTo(WritableByteChannel target) {
        try {
            for (FileSlice slice : slices) {
                long position = slice.position();
                long end = position + slice.sizeBytes();
                while (position < end) {
                    position += slice.channel().transferTo(position, end - position, target);
                }
            }
        } catch (IOException e) {
            throw new WhippetException(ErrorCode.CANNOT_READ_MESSAGE, "cannot transfer messages: " + e.getMessage(), e);
        }
    }

    /** Releases the segments the slices point into. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            retained.forEach(Segment::release);
        }
    }

    @Override
    public String toString() {
        return "ReadResult[" + messageCount + " messages, offsets " + firstOffset + ".." + lastOffset + ", " + sizeBytes
                + " bytes]";
    }
}
