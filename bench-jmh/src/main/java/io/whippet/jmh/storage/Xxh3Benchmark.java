package io.whippet.jmh.storage;

import io.whippet.protocol.Xxh3;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * XXH3-64 alone, library (scalar) against vector, over one message's checksummed range (1056
 * bytes: a 1064-byte message from byte 8), from a heap array and from direct memory. One
 * operation is one hash; bytes/s = ops/s x length.
 */
// Fields are set in @Setup, which NullAway does not know as an initializer.
@SuppressWarnings("NullAway.Init")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xmx512m",
            "--sun-misc-unsafe-memory-access=allow",
            "--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED"
        })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Xxh3Benchmark {
    @Param({"library", "vector"})
    String implementation;

    @Param({"1056"})
    int length;

    private Xxh3 xxh3;
    private byte[] heap;
    private ByteBuffer direct;
    private long address;

    @Setup
    public void setUp() {
        xxh3 = implementation.equals("vector") ? Xxh3.vector() : Xxh3.library();
        heap = new byte[length];
        new SplittableRandom(42).nextBytes(heap);
        direct = ByteBuffer.allocateDirect(length).put(heap).clear();
        address = MemorySegment.ofBuffer(direct).address();
    }

    @Benchmark
    public long heap() {
        return xxh3.hash(heap, 0, length);
    }

    @Benchmark
    public long direct() {
        return xxh3.hashMemory(address, length);
    }
}
