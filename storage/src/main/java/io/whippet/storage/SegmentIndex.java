package io.whippet.storage;

/**
 * The dense index of one segment: entry {@code i} describes the message at offset {@code
 * baseOffset + i}. On disk each entry is 16 bytes, little-endian:
 *
 * <pre>
 *  0                 4                 8                                 16
 *  +-----------------+-----------------+---------------------------------+
 *  | relative offset | end position    | timestamp (µs)                  |
 *  | u32 (= i)       | u32             | u64                             |
 *  +-----------------+-----------------+---------------------------------+
 * </pre>
 *
 * <p>The position is where the message <em>ends</em> in the log file (as in the SendMessages index
 * table), so message {@code i} occupies {@code [end(i-1), end(i))} with {@code end(-1) = 0}, and a
 * consistent index's last entry equals the log size. The index carries no checksum: it can always
 * be rebuilt from the log.
 */
sealed interface SegmentIndex permits GrowableIndex, MappedIndex {
    int ENTRY_SIZE = 16;

    /** Entries visible to readers. */
    int count();

    int endPosition(int i);

    long timestampMicros(int i);

    default int startPosition(int i) {
        return i == 0 ? 0 : endPosition(i - 1);
    }

    /** The size of the log the first {@code count} entries cover. */
    default long sizeBytes(int count) {
        return count == 0 ? 0 : Integer.toUnsignedLong(endPosition(count - 1));
    }

    /** The first entry below {@code count} whose timestamp is at or after {@code micros}, or {@code count}. */
    default int firstAtOrAfter(long micros, int count) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (timestampMicros(mid) < micros) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * The last entry in {@code [from, count)} whose end is at most {@code limitPosition}, or {@code
     * from - 1} when even the first ends past it.
     */
    default int lastEndingAtOrBefore(int from, int count, long limitPosition) {
        int low = from;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Integer.toUnsignedLong(endPosition(mid)) <= limitPosition) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low - 1;
    }
}
