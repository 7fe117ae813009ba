package io.whippet.jmh.storage;

import io.whippet.storage.AppendResult;
import io.whippet.storage.PartitionConfig;
import io.whippet.storage.PartitionLog;
import io.whippet.storage.StorageContext;
import java.nio.ByteBuffer;
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
 * Appends batches without fsync: patching (offset, timestamp, id, XXH3 checksum), one write of the
 * batch and one of its index entries. One operation is one batch; bytes/s = ops/s x batchSize x
 * messageSize. Retention keeps the partition at a few segments so the page cache, not the disk,
 * is what is measured.
 */
// Fields are set in @Setup, which NullAway does not know as an initializer.
@SuppressWarnings("NullAway.Init")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xmx2g",
            "--sun-misc-unsafe-memory-access=allow",
            "--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED"
        })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AppendBenchmark {
    @Param({"1000"})
    int messageSize;

    @Param({"1000"})
    int batchSize;

    /** Whether ids are 0 (the server generates a UUID per message) or already set. */
    @Param({"true", "false"})
    boolean generateIds;

    private Path directory;
    private StorageContext context;
    private PartitionLog log;
    private ByteBuffer batch;
    private long appends;

    @Setup(Level.Trial)
    public void setUp() {
        directory = BenchMessages.tempDirectory("whippet-append");
        context = StorageContext.defaults();
        PartitionConfig config =
                PartitionConfig.defaults().withSegmentSizeBytes(256L << 20).withFlushThresholds(0, 0, 0);
        log = PartitionLog.open(directory.resolve("p0"), config, context);
        batch = BenchMessages.directBatch(batchSize, messageSize);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        log.close();
        context.close();
        BenchMessages.deleteTree(directory);
    }

    @Benchmark
    public AppendResult append() {
        if (generateIds) {
            BenchMessages.clearIds(batch, batchSize, messageSize);
        }
        AppendResult result = log.append(batch, batchSize).join();
        if (++appends % 256 == 0) {
            log.enforceRetention(Long.MAX_VALUE, 768L << 20);
        }
        return result;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(AppendBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}
