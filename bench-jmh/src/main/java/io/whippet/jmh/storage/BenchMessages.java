package io.whippet.jmh.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Batches in wire layout (64-byte header, random payload, no user headers) and temp directories. */
final class BenchMessages {
    static final int HEADER_SIZE = 64;
    private static final int ID_OFFSET = 8;
    private static final int PAYLOAD_LENGTH_OFFSET = 52;

    private BenchMessages() {}

    /** A direct little-endian batch of {@code count} messages with {@code messageSize} bytes each. */
    static ByteBuffer directBatch(int count, int messageSize) {
        ByteBuffer batch = ByteBuffer.allocateDirect(count * messageSize).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(count * 31L + messageSize);
        byte[] payload = new byte[messageSize - HEADER_SIZE];
        for (int i = 0; i < count; i++) {
            int at = i * messageSize;
            batch.putInt(at + PAYLOAD_LENGTH_OFFSET, payload.length);
            random.nextBytes(payload);
            batch.put(at + HEADER_SIZE, payload);
        }
        return batch;
    }

    /** Sets every id back to 0, so the next append generates ids as it does for clients that send 0. */
    static void clearIds(ByteBuffer batch, int count, int messageSize) {
        for (int i = 0; i < count; i++) {
            int at = i * messageSize + ID_OFFSET;
            batch.putLong(at, 0).putLong(at + 8, 0);
        }
    }

    static Path tempDirectory(String prefix) {
        try {
            Path base = Path.of(System.getProperty("whippet.bench.dir", System.getProperty("java.io.tmpdir")));
            return Files.createTempDirectory(base, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path directory) {
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
