package io.whippet.jmh.storage;

import io.whippet.storage.PartitionConfig;
import io.whippet.storage.PartitionLog;
import io.whippet.storage.ReadQuery;
import io.whippet.storage.ReadResult;
import io.whippet.storage.ReadStart;
import io.whippet.storage.StorageContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Reads by offset from data in the page cache: {@code copy} copies the slices into a reused direct
 * buffer (pread), {@code transfer} hands them to {@code transferTo} (sendfile) towards /dev/null as
 * a poll to a socket would. One operation reads {@code batchSize} messages from the next offset,
 * cycling through the partition.
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
public class ReadBenchmark {
    @Param({"1000"})
    int messageSize;

    @Param({"1000"})
    int batchSize;

    /** Megabytes written before measuring; reads cycle over them. */
    @Param({"512"})
    int dataMegabytes;

    private Path directory;
    private StorageContext context;
    private PartitionLog log;
    private ByteBuffer target;
    private FileChannel devNull;
    private long nextOffset;
    private long batches;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = BenchMessages.tempDirectory("whippet-read");
        context = StorageContext.defaults();
        log = PartitionLog.open(
                directory.resolve("p0"), PartitionConfig.defaults().withSegmentSizeBytes(256L << 20), context);
        ByteBuffer batch = BenchMessages.directBatch(batchSize, messageSize);
        batches = Math.max(1, ((long) dataMegabytes << 20) / batch.capacity());
        for (long i = 0; i < batches; i++) {
            log.append(batch, batchSize).join();
        }
        target = ByteBuffer.allocateDirect(batch.capacity());
        devNull = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        devNull.close();
        log.close();
        context.close();
        BenchMessages.deleteTree(directory);
    }

    private ReadQuery nextQuery() {
        long offset = nextOffset;
        nextOffset = (offset + batchSize) % (batches * batchSize);
        return ReadQuery.of(ReadStart.atOffset(offset), batchSize);
    }

    @Benchmark
    public int copy() {
        try (ReadResult result = log.read(nextQuery())) {
            target.clear();
            result.copyTo(target);
            return result.messageCount();
        }
    }

    @Benchmark
    public int transfer() {
        try (ReadResult result = log.read(nextQuery())) {
            result.writeTo(devNull);
            return result.messageCount();
        } catch (UncheckedIOException e) {
            throw e;
        }
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(ReadBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}
