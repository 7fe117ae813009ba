package io.whippet.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The in-memory index of the active segment (and of a segment being recovered), kept off-heap in
 * chunks of 8192 entries in file layout, so a growing index never copies entries and the append
 * path allocates nothing on the heap per message.
 *
 * <p>Threads: one writer (the partition's appender) adds entries past {@link #count()} and then
 * {@link #publish publishes} them; any number of readers read entries below the count they saw.
 * A new chunk (and a larger chunk table, when needed) is in place before the count that needs it
 * is published, so a reader that reads the count first always finds its entries.
 */
final class GrowableIndex implements SegmentIndex {
    private static final int CHUNK_SHIFT = 13;
    private static final int CHUNK_ENTRIES = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_ENTRIES - 1;

    private volatile ByteBuffer[] chunks;
    private volatile int count;
    /** Writer-only: entries written but not yet published. */
    private int pending;

    GrowableIndex(int expectedEntries) {
        this.chunks = new ByteBuffer[Math.max(4, (expectedEntries >>> CHUNK_SHIFT) + 1)];
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int endPosition(int i) {
        return chunks[i >>> CHUNK_SHIFT].getInt((i & CHUNK_MASK) * ENTRY_SIZE + 4);
    }

    @Override
    public long timestampMicros(int i) {
        return chunks[i >>> CHUNK_SHIFT].getLong((i & CHUNK_MASK) * ENTRY_SIZE + 8);
    }

    /** Writer: adds an entry that readers see after the next {@link #publish()}. */
    void add(int endPosition, long timestampMicros) {
        int chunkIndex = pending >>> CHUNK_SHIFT;
        ByteBuffer[] table = chunks;
        if (chunkIndex == table.length) {
            table = Arrays.copyOf(table, table.length * 2);
            chunks = table;
        }
        ByteBuffer chunk = table[chunkIndex];
        if (chunk == null) {
            chunk = ByteBuffer.allocateDirect(CHUNK_ENTRIES * ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            table[chunkIndex] = chunk;
        }
        int at = (pending & CHUNK_MASK) * ENTRY_SIZE;
        chunk.putInt(at, pending).putInt(at + 4, endPosition).putLong(at + 8, timestampMicros);
        pending++;
    }

    /** Writer: makes every added entry visible. */
    void publish() {
        count = pending;
    }

    /** Writer: forgets entries added since the last publish (a failed write). */
    void discardPending() {
        pending = count;
    }

    /** Copies entries {@code [from, to)} in file layout into {@code target} (at its position). */
    void writeEntries(int from, int to, ByteBuffer target) {
        ByteBuffer[] table = chunks;
        int i = from;
        while (i < to) {
            int inChunk = i & CHUNK_MASK;
            int entries = Math.min(to - i, CHUNK_ENTRIES - inChunk);
            int bytes = entries * ENTRY_SIZE;
            target.put(target.position(), table[i >>> CHUNK_SHIFT], inChunk * ENTRY_SIZE, bytes);
            target.position(target.position() + bytes);
            i += entries;
        }
    }
}
