package io.whippet.server.metadata;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The append-only file of metadata commands. Each entry:
 *
 * <pre>
 * 0        4        8                16     18
 * +--------+--------+----------------+------+-----------------+
 * | length | crc32c |    sequence    | type |     payload     |
 * |  u32   |  u32   |      u64       | u16  | length-10 bytes |
 * +--------+--------+----------------+------+-----------------+
 *                   |<------ length, covered by crc32c ------>|
 * </pre>
 *
 * Little-endian. {@code sequence} numbers run on without gaps across snapshots; {@code type} is
 * {@link MetadataCommand#type()}, the payload is drawn in {@link MetadataCommandCodec}. Every
 * {@link #append} is written and fsynced before it returns.
 *
 * <p>Recovery ({@link #open}): entries are read and checked in order. The first entry that is cut
 * short or fails its checksum is a torn write from a crash if nothing valid follows it: the file is
 * truncated there. If a valid entry does follow, the damage is in the middle of the log, and
 * dropping it would silently lose acknowledged changes: start-up fails instead.
 *
 * <p>The file is locked while open, so two servers cannot share one metadata directory.
 *
 * <p>Not thread-safe: {@link Metadata} calls it under its writer lock.
 */
final class MetadataLog implements AutoCloseable {
    static final String FILE_NAME = "metadata.log";
    static final int HEADER_BYTES = 18;
    /** Bytes of an entry covered by {@code length}, without the payload: sequence and type. */
    private static final int COVERED_HEADER_BYTES = 10;
    /** Upper bound of {@code length}, checked before anything is allocated for an entry. */
    static final int MAX_ENTRY_BYTES = 16 * 1024 * 1024;

    /** Receives each valid entry during recovery. */
    @FunctionalInterface
    interface EntryConsumer {
        void accept(long sequence, MetadataCommand command);
    }

    private final Path file;
    private final FileChannel channel;
    private long sizeBytes;
    private boolean failed;

    private MetadataLog(Path file, FileChannel channel, long sizeBytes) {
        this.file = file;
        this.channel = channel;
        this.sizeBytes = sizeBytes;
    }

    /**
     * Opens (creating if absent) the log, hands every valid entry with a sequence above {@code
     * afterSequence} to {@code consumer} in order, drops a torn tail and leaves the log ready for
     * appends. Entries at or below {@code afterSequence} are already in the snapshot and skipped.
     */
    static MetadataLog open(Path directory, long afterSequence, EntryConsumer consumer) {
        Path file = directory.resolve(FILE_NAME);
        try {
            boolean created = !Files.exists(file);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                lockExclusively(channel, file);
                if (created) {
                    channel.force(true);
                    fsyncDirectory(directory);
                }
                byte[] bytes = readAll(channel);
                long validEnd = recover(file, bytes, afterSequence, consumer);
                if (validEnd < bytes.length) {
                    channel.truncate(validEnd);
                    channel.force(true);
                }
                channel.position(validEnd);
                return new MetadataLog(file, channel, validEnd);
            } catch (RuntimeException | IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new WhippetException(ErrorCode.CANNOT_READ_FILE, "metadata log: " + file + ": " + e, e);
        }
    }

    /** Replays {@code bytes}, returning the end of the last valid entry. */
    private static long recover(Path file, byte[] bytes, long afterSequence, EntryConsumer consumer) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int position = 0;
        long previous = -1;
        while (position < bytes.length) {
            int length = entryLength(buffer, position);
            if (length < 0) {
                int next = findValidEntry(buffer, position + 1);
                if (next >= 0) {
                    throw new WhippetException(
                            ErrorCode.CANNOT_READ_FILE,
                            "metadata log " + file + " is corrupt at byte " + position
                                    + " but a valid entry follows at byte "
                                    + next
                                    + "; refusing to drop acknowledged changes (restore from backup or remove the"
                                    + " damaged entry by hand)");
                }
                return position;
            }
            long sequence = buffer.getLong(position + 8);
            int type = buffer.getShort(position + 16) & 0xFFFF;
            if (previous >= 0 && sequence != previous + 1) {
                throw gap(file, position, previous + 1, sequence);
            }
            if (sequence > afterSequence) {
                if (sequence != afterSequence + 1 && previous <= afterSequence) {
                    throw gap(file, position, afterSequence + 1, sequence);
                }
                byte[] payload = new byte[length - COVERED_HEADER_BYTES];
                buffer.get(position + HEADER_BYTES, payload);
                MetadataCommand command;
                try {
                    command = MetadataCommandCodec.decode(type, payload);
                } catch (WhippetException e) {
                    throw new WhippetException(
                            ErrorCode.CANNOT_READ_FILE,
                            "metadata log " + file + ": entry at byte " + position + " (sequence " + sequence + "): "
                                    + e.getMessage(),
                            e);
                }
                try {
                    consumer.accept(sequence, command);
                } catch (RuntimeException e) {
                    throw new WhippetException(
                            ErrorCode.CANNOT_READ_FILE,
                            "metadata log " + file + ": entry at byte " + position + " (sequence " + sequence
                                    + ") does not apply to the model: " + e.getMessage(),
                            e);
                }
            }
            previous = sequence;
            position += 8 + length;
        }
        return position;
    }

    private static WhippetException gap(Path file, int position, long expected, long found) {
        return new WhippetException(
                ErrorCode.CANNOT_READ_FILE,
                "metadata log " + file + ": sequence at byte " + position + ": " + found + " (expected: " + expected
                        + ")");
    }

    /** The {@code length} of a complete, checksum-valid entry at {@code position}, or -1. */
    private static int entryLength(ByteBuffer buffer, int position) {
        int available = buffer.limit() - position;
        if (available < HEADER_BYTES) {
            return -1;
        }
        long length = buffer.getInt(position) & 0xFFFF_FFFFL;
        if (length < COVERED_HEADER_BYTES || length > MAX_ENTRY_BYTES || length > available - 8) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(position + 8, (int) length));
        if ((int) crc.getValue() != buffer.getInt(position + 4)) {
            return -1;
        }
        return (int) length;
    }

    private static int findValidEntry(ByteBuffer buffer, int from) {
        for (int position = from; position <= buffer.limit() - HEADER_BYTES; position++) {
            if (entryLength(buffer, position) >= 0) {
                return position;
            }
        }
        return -1;
    }

    /** Appends one entry and fsyncs it. On failure the file is cut back to its previous end. */
    void append(long sequence, MetadataCommand command) {
        if (failed) {
            throw new WhippetException(
                    ErrorCode.CANNOT_WRITE_TO_FILE, "metadata log " + file + " failed earlier; restart the server");
        }
        byte[] payload = MetadataCommandCodec.encode(command);
        int length = COVERED_HEADER_BYTES + payload.length;
        if (length > MAX_ENTRY_BYTES) {
            throw new WhippetException(
                    ErrorCode.INVALID_COMMAND,
                    "metadata entry bytes: " + length + " (expected: <= " + MAX_ENTRY_BYTES + ")");
        }
        ByteBuffer entry = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN);
        entry.putInt(length)
                .putInt(0)
                .putLong(sequence)
                .putShort((short) command.type())
                .put(payload);
        CRC32C crc = new CRC32C();
        crc.update(entry.slice(8, length));
        entry.putInt(4, (int) crc.getValue());
        entry.flip();
        try {
            while (entry.hasRemaining()) {
                channel.write(entry);
            }
            channel.force(false);
            sizeBytes += entry.limit();
        } catch (IOException e) {
            cutBack();
            throw new WhippetException(ErrorCode.CANNOT_WRITE_TO_FILE, "metadata log: " + file + ": " + e, e);
        }
    }

    /** Removes a partly written entry, so the next append does not land behind garbage. */
    private void cutBack() {
        try {
            channel.truncate(sizeBytes);
            channel.position(sizeBytes);
            channel.force(false);
        } catch (IOException e) {
            failed = true;
        }
    }

    long sizeBytes() {
        return sizeBytes;
    }

    /** Empties the log once a snapshot holds everything in it. */
    void reset() {
        try {
            channel.truncate(0);
            channel.position(0);
            channel.force(true);
            sizeBytes = 0;
        } catch (IOException e) {
            failed = true;
            throw new WhippetException(ErrorCode.CANNOT_WRITE_TO_FILE, "metadata log: " + file + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new WhippetException(ErrorCode.IO_ERROR, "metadata log: " + file + ": " + e, e);
        }
    }

    /** One process per metadata directory: a second server on the same log would corrupt it. */
    private static void lockExclusively(FileChannel channel, Path file) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new WhippetException(
                    ErrorCode.CANNOT_WRITE_TO_FILE, "metadata log " + file + " is in use by another server");
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new WhippetException(
                    ErrorCode.CANNOT_READ_FILE, "metadata log bytes: " + size + " (expected: < 2 GiB)");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        channel.position(0);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading until the whole file is in
        }
        return buffer.array();
    }

    static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
