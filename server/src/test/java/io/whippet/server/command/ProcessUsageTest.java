package io.whippet.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessUsageTest {
    @Test
    void countsPlatformThreadsEvenWhenAVirtualThreadAsks() throws InterruptedException {
        AtomicReference<ProcessUsage> seen = new AtomicReference<>();
        Thread.ofVirtual().start(() -> seen.set(ProcessUsage.read())).join();

        // Thread.activeCount() answers 0 on a virtual thread; the JVM itself runs several.
        assertThat(seen.get().threadsCount()).isGreaterThan(1);
        assertThat(seen.get().residentBytes()).isPositive();
    }

    @Test
    void writtenBytesGrowWithADurableWriteOnLinux(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "needs Linux procfs");
        long before = ProcessUsage.read().writtenBytes();
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        try (FileChannel file =
                FileChannel.open(dir.resolve("data"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(data));
            file.force(true);
        }

        assertThat(ProcessUsage.read().writtenBytes() - before).isGreaterThanOrEqualTo(data.length);
    }
}
