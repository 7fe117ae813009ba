package io.whippet.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A sealed segment's index, memory-mapped read-only from its file. Immutable and safe for any
 * thread; the mapping lives as long as the segment object does (it stays valid after the file is
 * deleted).
 */
final class MappedIndex implements SegmentIndex {
    private final ByteBuffer entries;
    private final int count;

    MappedIndex(ByteBuffer mapped) {
        this.entries = mapped.order(ByteOrder.LITTLE_ENDIAN);
        this.count = mapped.capacity() / ENTRY_SIZE;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int endPosition(int i) {
        return entries.getInt(i * ENTRY_SIZE + 4);
    }

    @Override
    public long timestampMicros(int i) {
        return entries.getLong(i * ENTRY_SIZE + 8);
    }
}
