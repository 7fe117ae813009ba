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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * enforce_fsync on one partition: each writer appends a batch and waits until an fsync covers it.
 * Writers take turns through the partition's lock; the flusher fsyncs once for every batch that
 * arrived while the previous fsync ran, so 8 writers should reach several times the batches/s of
 * one. One operation is one acknowledged batch (ops/s summed over the threads).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xmx1g",
            "--sun-misc-unsafe-memory-access=allow",
            "--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED"
        })
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class GroupCommitBenchmark {
    @SuppressWarnings("NullAway.Init")
    @State(Scope.Benchmark)
    public static class Partition {
        private Path directory;
        private StorageContext context;
        PartitionLog log;

        @Setup(Level.Trial)
        public void setUp() {
            directory = BenchMessages.tempDirectory("whippet-fsync");
            context = StorageContext.defaults();
            log = PartitionLog.open(
                    directory.resolve("p0"), PartitionConfig.defaults().withEnforceFsync(true), context);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            log.close();
            context.close();
            BenchMessages.deleteTree(directory);
        }
    }

    @SuppressWarnings("NullAway.Init")
    @State(Scope.Thread)
    public static class Writer {
        @Param({"1000"})
        int messageSize;

        @Param({"10"})
        int batchSize;

        ByteBuffer batch;

        @Setup(Level.Trial)
        public void setUp() {
            batch = BenchMessages.directBatch(batchSize, messageSize);
        }
    }

    @Benchmark
    @Threads(1)
    public AppendResult oneWriter(Partition partition, Writer writer) {
        return partition.log.append(writer.batch, writer.batchSize).join();
    }

    @Benchmark
    @Threads(8)
    public AppendResult eightWriters(Partition partition, Writer writer) {
        return partition.log.append(writer.batch, writer.batchSize).join();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(GroupCommitBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}
