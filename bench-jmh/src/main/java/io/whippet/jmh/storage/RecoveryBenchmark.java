package io.whippet.jmh.storage;

import io.whippet.storage.PartitionConfig;
import io.whippet.storage.PartitionLog;
import io.whippet.storage.StorageContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Opening a partition whose active segment ({@code segmentMegabytes} of 1000-byte messages, in the
 * page cache) was left by an unclean shutdown: the full scan verifies every checksum and rebuilds
 * the index. One operation is one open (with its scan) and close; the clean-shutdown marker is
 * removed before each open so every open scans.
 */
// Fields are set in @Setup, which NullAway does not know as an initializer.
@SuppressWarnings("NullAway.Init")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xmx2g",
            "--sun-misc-unsafe-memory-access=allow",
            "--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED"
        })
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class RecoveryBenchmark {
    @Param({"1024"})
    int segmentMegabytes;

    private Path directory;
    private StorageContext context;
    private PartitionConfig config;

    @Setup(Level.Trial)
    public void setUp() {
        directory = BenchMessages.tempDirectory("whippet-recovery");
        context = StorageContext.defaults();
        config = PartitionConfig.defaults().withSegmentSizeBytes(Integer.MAX_VALUE);
        try (PartitionLog log = PartitionLog.open(directory.resolve("p0"), config, context)) {
            ByteBuffer batch = BenchMessages.directBatch(1000, 1000);
            long batches = ((long) segmentMegabytes << 20) / batch.capacity();
            for (long i = 0; i < batches; i++) {
                log.append(batch, 1000).join();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
        BenchMessages.deleteTree(directory);
    }

    @Benchmark
    public long recoverAfterUncleanShutdown() throws IOException {
        Files.deleteIfExists(directory.resolve("p0").resolve("clean-shutdown"));
        try (PartitionLog log = PartitionLog.open(directory.resolve("p0"), config, context)) {
            return log.nextOffset();
        }
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(RecoveryBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}
