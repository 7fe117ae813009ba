package io.whippet.protocol;

import net.openhft.hashing.LongHashFunction;

/** XXH3-64 by zero-allocation-hashing: scalar, runs everywhere. */
final class LibraryXxh3 implements Xxh3 {
    static final LibraryXxh3 INSTANCE = new LibraryXxh3();
    private static final LongHashFunction XXH3 = LongHashFunction.xx3();

    private LibraryXxh3() {}

    @Override
    public long hash(byte[] bytes, int offset, int length) {
        return XXH3.hashBytes(bytes, offset, length);
    }

    @Override
    public long hashMemory(long address, int length) {
        return XXH3.hashMemory(address, length);
    }
}
