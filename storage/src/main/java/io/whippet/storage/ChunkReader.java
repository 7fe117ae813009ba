package io.whippet.storage;

import io.whippet.protocol.MessageChecksum;
import io.whippet.protocol.MessageLayout;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Reads a file through a window of large chunks (4 MiB), so a scan of a segment costs one syscall
 * per chunk and hashes the bytes in place. Owned by one thread.
 */
final class ChunkReader implements AutoCloseable {
    static final int CHUNK_SIZE = 4 << 20;

    private final FileChannel channel;
    private final long fileSize;
    /** Frees the windows at close instead of leaving them to the GC, which reclaims direct memory late. */
    private final Arena arena = Arena.ofConfined();

    private ByteBuffer window;
    private long windowAddress;
    private long windowStart;

    ChunkReader(FileChannel channel, long fileSize, int chunkSize) {
        this.channel = channel;
        this.fileSize = fileSize;
        this.window = allocate((int) Math.min(chunkSize, Math.max(fileSize, MessageLayout.HEADER_SIZE)));
        this.windowAddress = MessageChecksum.baseAddress(window);
        this.window.limit(0);
    }

    /** The checksum of the message at {@code [position, position + size)}, which the window holds. */
    long checksum(long position, int size) {
        return MessageChecksum.compute(window, windowAddress, indexOf(position), size);
    }

    long fileSize() {
        return fileSize;
    }

    /**
     * A buffer holding file bytes {@code [position, position + length)} at index {@link
     * #indexOf(long)}. The caller has checked that the range lies inside the file and that {@code
     * length} is bounded (at most one maximal message).
     */
    ByteBuffer window(long position, int length) throws IOException {
        if (position >= windowStart && position + length <= windowStart + window.limit()) {
            return window;
        }
        if (length > window.capacity()) {
            window = allocate(length);
            windowAddress = MessageChecksum.baseAddress(window);
        }
        int toRead = (int) Math.min(window.capacity(), fileSize - position);
        window.clear().limit(toRead);
        long at = position;
        while (window.hasRemaining()) {
            int read = channel.read(window, at);
            if (read < 0) {
                throw new EOFException("file ended at " + at + " (expected: " + fileSize + " bytes)");
            }
            at += read;
        }
        windowStart = position;
        return window;
    }

    int indexOf(long position) {
        return (int) (position - windowStart);
    }

    @Override
    public void close() {
        arena.close();
    }

    private ByteBuffer allocate(int size) {
        return arena.allocate(size, 8).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
}
