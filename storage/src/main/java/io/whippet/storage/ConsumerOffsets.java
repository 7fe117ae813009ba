package io.whippet.storage;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The stored offsets of one partition's consumers and consumer groups, durable across restarts.
 *
 * <pre>
 * partition-dir/offsets/consumers/&lt;id&gt;   8 bytes: u64 offset, little-endian
 * partition-dir/offsets/groups/&lt;id&gt;
 * </pre>
 *
 * <p>Each store writes a temp file, fsyncs it, renames it over the old file and fsyncs the
 * directory, so a crash leaves either the old offset or the new one, never a torn mix. Ids are the
 * u32 numeric ids of the protocol. Thread-safe: lookups read an in-memory copy, changes are
 * serialized.
 */
public final class ConsumerOffsets {
    private static final int FILE_SIZE = Long.BYTES;
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path root;
    private final FileIo io;
    private final Path partitionDirectory;
    private final Map<Long, Long> consumers = new ConcurrentHashMap<>();
    private final Map<Long, Long> groups = new ConcurrentHashMap<>();

    private ConsumerOffsets(Path partitionDirectory, FileIo io) {
        this.partitionDirectory = partitionDirectory;
        this.root = partitionDirectory.resolve("offsets");
        this.io = io;
    }

    private Map<Long, Long> byId(ConsumerKind kind) {
        return switch (kind) {
            case CONSUMER -> consumers;
            case GROUP -> groups;
        };
    }

    /** Loads (creating if needed) the offsets stored under {@code partitionDirectory/offsets}. */
    public static ConsumerOffsets open(Path partitionDirectory, FileIo io) {
        ConsumerOffsets stored = new ConsumerOffsets(partitionDirectory, io);
        try {
            for (ConsumerKind kind : ConsumerKind.values()) {
                stored.load(kind);
            }
        } catch (IOException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_READ_FILE, "cannot load consumer offsets in " + partitionDirectory + ": " + e, e);
        }
        return stored;
    }

    public synchronized void store(ConsumerKind kind, long consumerId, long offset) {
        checkId(consumerId);
        Path directory = directory(kind);
        Path target = directory.resolve(Long.toString(consumerId));
        Path temp = directory.resolve(consumerId + TEMP_SUFFIX);
        try {
            ByteBuffer bytes = ByteBuffer.allocate(FILE_SIZE)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(0, offset);
            try (FileChannel channel = io.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes, bytes.position());
                }
                channel.force(true);
            }
            io.move(temp, target);
            io.syncDirectory(directory);
        } catch (IOException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_WRITE_TO_FILE, "cannot store consumer offset in " + target + ": " + e, e);
        }
        byId(kind).put(consumerId, offset);
    }

    public OptionalLong offset(ConsumerKind kind, long consumerId) {
        Long offset = byId(kind).get(consumerId);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** Forgets the stored offset; returns whether there was one. */
    public synchronized boolean delete(ConsumerKind kind, long consumerId) {
        checkId(consumerId);
        if (byId(kind).remove(consumerId) == null) {
            return false;
        }
        Path directory = directory(kind);
        try {
            io.delete(directory.resolve(Long.toString(consumerId)));
            io.syncDirectory(directory);
        } catch (IOException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_DELETE_FILE, "cannot delete consumer offset " + consumerId + ": " + e, e);
        }
        return true;
    }

    /** The lowest offset any consumer or group has stored, if any has. */
    public OptionalLong lowestStoredOffset() {
        return Stream.concat(consumers.values().stream(), groups.values().stream())
                .mapToLong(Long::longValue)
                .min();
    }

    private Path directory(ConsumerKind kind) {
        return root.resolve(kind.directoryName());
    }

    private void load(ConsumerKind kind) throws IOException {
        Path directory = directory(kind);
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            io.syncDirectory(root);
            io.syncDirectory(partitionDirectory);
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    // A store that crashed before its rename: the previous file still holds the offset.
                    io.delete(file);
                    continue;
                }
                long id = parseId(name);
                if (id < 0 || Files.size(file) != FILE_SIZE) {
                    continue;
                }
                long offset = ByteBuffer.wrap(Files.readAllBytes(file))
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong(0);
                byId(kind).put(id, offset);
            }
        }
    }

    private static long parseId(String name) {
        try {
            long id = Long.parseLong(name);
            return id >= 0 && id <= 0xFFFF_FFFFL ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void checkId(long consumerId) {
        if (consumerId < 0 || consumerId > 0xFFFF_FFFFL) {
            throw new WhippetException(
                    ErrorCode.INVALID_FORMAT, "consumerId: " + consumerId + " (expected: a u32, 0..4294967295)");
        }
    }
}
