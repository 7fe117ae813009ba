package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XXH3-64 with seed 0 and the default 192-byte secret, over a byte array, raw memory, or a buffer.
 * Two implementations give bit-identical results: {@link #library()} (zero-allocation-hashing,
 * scalar) and {@link VectorXxh3} (the long-input loop on 512-bit vectors of the incubating Vector
 * API). {@link #fastest()} is the vector one when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, the CPU has 512-bit vectors and the system property {@code whippet.xxh3}
 * is not {@code library}; otherwise the library's, so nothing needs the flag to work.
 */
public sealed interface Xxh3 permits LibraryXxh3, VectorXxh3 {
    /** The system property that forces {@code library} or {@code vector} (fails if unavailable). */
    String IMPLEMENTATION_PROPERTY = "whippet.xxh3";

    /** XXH3-64 of {@code [offset, offset + length)} of the array. */
    long hash(byte[] bytes, int offset, int length);

    /** XXH3-64 of {@code length} bytes of native memory starting at {@code address}. */
    long hashMemory(long address, int length);

    /**
     * XXH3-64 of {@code [offset, offset + length)} of a buffer whose array is not accessible (a
     * read-only heap buffer), by copying the range: the library's buffer path casts every buffer to
     * {@code sun.nio.ch.DirectBuffer}, which JDK 25 refuses without {@code --add-exports}. Not a
     * hot path; direct buffers go through {@link #hashMemory}.
     */
    default long hash(ByteBuffer buffer, int offset, int length) {
        byte[] copy = new byte[length];
        buffer.get(offset, copy);
        return hash(copy, 0, length);
    }

    /** The scalar implementation of zero-allocation-hashing. */
    static Xxh3 library() {
        return LibraryXxh3.INSTANCE;
    }

    /** The fastest implementation this JVM can run, chosen once. */
    static Xxh3 fastest() {
        return Selected.FASTEST;
    }

    /**
     * Whether the vector implementation can run here: the incubator module is in the boot layer
     * (the JVM flag), 512-bit long vectors are the preferred shape, and the platform is
     * little-endian (XXH3 reads little-endian words; lanes are loaded in native order).
     */
    static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                && VectorXxh3.supported();
    }

    /** The vector implementation; fails with a clear message when {@link #vectorAvailable()} is false. */
    static Xxh3 vector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException("the vector XXH3 needs --add-modules jdk.incubator.vector"
                    + " and a CPU with 512-bit vectors (AVX-512)");
        }
        return VectorXxh3.INSTANCE;
    }

    /** Holder so the choice is made once, on first use, and is a constant to the JIT. */
    final class Selected {
        static final Xxh3 FASTEST = choose(System.getProperty(IMPLEMENTATION_PROPERTY, "auto"));

        private Selected() {}

        private static Xxh3 choose(String requested) {
            return switch (requested) {
                case "library" -> library();
                case "vector" -> vector();
                case "auto" -> vectorAvailable() ? VectorXxh3.INSTANCE : library();
                default ->
                    throw new IllegalArgumentException(
                            IMPLEMENTATION_PROPERTY + " must be auto, library or vector, not " + requested);
            };
        }
    }
}
