package io.whippet.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The in-memory index of the active segment (and of a segment being recovered).
 *
 * <p>Threads: one writer (the partition's appender) adds entries past {@link #count()} and then
 * {@link #publish publishes} them; any number of readers read entries below the count they saw.
 * The arrays are replaced, never shrunk in place, before the count that needs them is published,
 * so a reader that reads the count first always finds its entries.
 */
final class GrowableIndex implements SegmentIndex {
    private record Entries(int[] ends, long[] timestamps) {}

    private volatile Entries entries;
    private volatile int count;
    /** Writer-only: entries written but not yet published. */
    private int pending;

    GrowableIndex(int initialCapacity) {
        int capacity = Math.max(16, initialCapacity);
        this.entries = new Entries(new int[capacity], new long[capacity]);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int endPosition(int i) {
        return entries.ends[i];
    }

    @Override
    public long timestampMicros(int i) {
        return entries.timestamps[i];
    }

    /** Writer: adds an entry that readers see after the next {@link #publish()}. */
    void add(int endPosition, long timestampMicros) {
        Entries current = entries;
        if (pending == current.ends.length) {
            int capacity = current.ends.length * 2;
            current = new Entries(Arrays.copyOf(current.ends, capacity), Arrays.copyOf(current.timestamps, capacity));
            entries = current;
        }
        current.ends[pending] = endPosition;
        current.timestamps[pending] = timestampMicros;
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
        Entries current = entries;
        for (int i = from; i < to; i++) {
            target.putInt(i).putInt(current.ends[i]).putLong(current.timestamps[i]);
        }
    }
}
