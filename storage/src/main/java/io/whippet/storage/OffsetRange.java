package io.whippet.storage;

/** An inclusive range of offsets. */
record OffsetRange(long first, long last) {
    boolean contains(long offset) {
        return offset >= first && offset <= last;
    }
}
