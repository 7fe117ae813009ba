package io.whippet.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Opens the segments of a partition directory at start, repairing what a crash left behind.
 *
 * <ul>
 *   <li>Sealed segments were fsynced when they were rolled, so their indexes are only checked
 *       cheaply (whole entries, last entry consistent with the log size) and rebuilt by a full
 *       scan when the check fails.
 *   <li>The active (newest) segment is scanned in full after an unclean shutdown: checksums are
 *       verified, a torn tail is truncated and the index is rebuilt. After a clean shutdown its
 *       index gets the cheap check only.
 *   <li>Empty sealed segments (a crash during a roll) and orphan index files are deleted.
 * </ul>
 *
 * <p>Runs on the thread that opens the partition, before anyone else can see it.
 */
final class SegmentLoader {
    private static final int COPY_ENTRIES = 1 << 16;

    private final Path directory;
    private final FileIo io;
    private boolean directoryChanged;

    SegmentLoader(Path directory, FileIo io) {
        this.directory = directory;
        this.io = io;
    }

    List<Segment> load(boolean cleanShutdown) throws IOException {
        List<Long> bases = baseOffsets();
        List<Segment> segments = new ArrayList<>();
        try {
            for (int i = 0; i < bases.size(); i++) {
                long base = bases.get(i);
                boolean active = i == bases.size() - 1;
                // After a crash the newest sealed segment may have missed its (asynchronous) fsync:
                // it gets the full scan too, not just the cheap index check.
                boolean scan = !cleanShutdown && i == bases.size() - 2;
                Segment segment = active ? openActive(base, cleanShutdown) : openSealed(base, scan);
                if (segment != null) {
                    segments.add(segment);
                }
            }
            if (segments.isEmpty()) {
                segments.add(create(directory, 0, io));
                directoryChanged = true;
            }
            dropAfterGap(segments);
            if (directoryChanged) {
                io.syncDirectory(directory);
            }
        } catch (IOException | RuntimeException e) {
            segments.forEach(Segment::release);
            throw e;
        }
        return segments;
    }

    /** Creates the files of a new, empty segment; the caller syncs the directory. */
    static Segment create(Path directory, long baseOffset, FileIo io) throws IOException {
        FileChannel log = io.open(
                Segment.logPath(directory, baseOffset),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileChannel index = io.open(
                    Segment.indexPath(directory, baseOffset),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return new Segment(baseOffset, directory, log, index, new GrowableIndex(1024), List.of());
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private List<Long> baseOffsets() throws IOException {
        List<Long> bases = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".log") && name.length() == 24) {
                    bases.add(Long.parseLong(name.substring(0, 20)));
                } else if (name.endsWith(".index")
                        && !Files.exists(directory.resolve(name.replace(".index", ".log")))) {
                    io.delete(file);
                    directoryChanged = true;
                }
            }
        }
        bases.sort(null);
        return bases;
    }

    /**
     * Offsets are contiguous across segments by construction, so a gap means a segment lost its
     * tail in a crash. Fsyncs run oldest segment first, so nothing after the gap was ever synced
     * (or acknowledged under enforce_fsync): it is dropped, and the log stays a contiguous prefix.
     */
    private void dropAfterGap(List<Segment> segments) throws IOException {
        for (int i = 0; i + 1 < segments.size(); i++) {
            long next = segments.get(i).nextOffset();
            if (next >= segments.get(i + 1).baseOffset()) {
                continue;
            }
            System.getLogger(SegmentLoader.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "{0}: offsets {1}..{2} were lost in a crash; dropping the unsynced segments after them",
                            directory,
                            next,
                            segments.get(i + 1).baseOffset() - 1);
            // A segment the repair emptied goes too: the fresh active segment takes its name.
            int keep = segments.get(i).messageCount() == 0 ? i : i + 1;
            List<Segment> dropped = new ArrayList<>(segments.subList(keep, segments.size()));
            segments.subList(keep, segments.size()).clear();
            for (Segment segment : dropped) {
                segment.release();
                io.delete(segment.logPath());
                io.delete(segment.indexPath());
            }
            segments.add(create(directory, next, io));
            directoryChanged = true;
            return;
        }
    }

    private @Nullable Segment openSealed(long base, boolean fullScan) throws IOException {
        FileChannel log = openExisting(Segment.logPath(directory, base));
        FileChannel index = null;
        try {
            if (log.size() == 0) {
                log.close();
                io.delete(Segment.logPath(directory, base));
                io.delete(Segment.indexPath(directory, base));
                directoryChanged = true;
                return null;
            }
            index = openIndex(base);
            if (!fullScan && indexConsistent(index, log.size())) {
                MappedIndex mapped = new MappedIndex(index.map(FileChannel.MapMode.READ_ONLY, 0, index.size()));
                return new Segment(base, directory, log, index, mapped, List.of());
            }
            SegmentScanner.Result scan = repair(log, index, base);
            Segment segment = new Segment(base, directory, log, index, scan.index(), scan.corruptRanges());
            segment.seal();
            return segment;
        } catch (IOException | RuntimeException e) {
            log.close();
            if (index != null) {
                index.close();
            }
            throw e;
        }
    }

    private Segment openActive(long base, boolean cleanShutdown) throws IOException {
        FileChannel log = openExisting(Segment.logPath(directory, base));
        FileChannel index = null;
        try {
            index = openIndex(base);
            if (cleanShutdown && indexConsistent(index, log.size())) {
                return new Segment(base, directory, log, index, readIndex(index), List.of());
            }
            SegmentScanner.Result scan = repair(log, index, base);
            return new Segment(base, directory, log, index, scan.index(), scan.corruptRanges());
        } catch (IOException | RuntimeException e) {
            log.close();
            if (index != null) {
                index.close();
            }
            throw e;
        }
    }

    /** Scans the log, truncates a torn tail, rewrites the index, and makes both durable. */
    private static SegmentScanner.Result repair(FileChannel log, FileChannel index, long base) throws IOException {
        SegmentScanner.Result scan = SegmentScanner.scan(log, base);
        if (scan.validSizeBytes() < log.size()) {
            log.truncate(scan.validSizeBytes());
        }
        log.force(true);
        writeIndex(index, scan.index());
        return scan;
    }

    /** Whole entries, and the last one names the last message and ends where the log ends. */
    static boolean indexConsistent(FileChannel index, long logSize) throws IOException {
        long size = index.size();
        if (size % SegmentIndex.ENTRY_SIZE != 0 || (size == 0) != (logSize == 0)) {
            return false;
        }
        if (size == 0) {
            return true;
        }
        ByteBuffer last = ByteBuffer.allocate(SegmentIndex.ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long at = size - SegmentIndex.ENTRY_SIZE;
        while (last.hasRemaining()) {
            if (index.read(last, at + last.position()) < 0) {
                return false;
            }
        }
        long count = size / SegmentIndex.ENTRY_SIZE;
        return Integer.toUnsignedLong(last.getInt(0)) == count - 1 && Integer.toUnsignedLong(last.getInt(4)) == logSize;
    }

    private static GrowableIndex readIndex(FileChannel index) throws IOException {
        int count = (int) (index.size() / SegmentIndex.ENTRY_SIZE);
        GrowableIndex entries = new GrowableIndex(count);
        ByteBuffer buffer = ByteBuffer.allocateDirect(COPY_ENTRIES * SegmentIndex.ENTRY_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN);
        long position = 0;
        for (int done = 0; done < count; ) {
            int batch = Math.min(COPY_ENTRIES, count - done);
            buffer.clear().limit(batch * SegmentIndex.ENTRY_SIZE);
            while (buffer.hasRemaining()) {
                int read = index.read(buffer, position + buffer.position());
                if (read < 0) {
                    throw new IOException("index ended early");
                }
            }
            for (int i = 0; i < batch; i++) {
                int at = i * SegmentIndex.ENTRY_SIZE;
                entries.add(buffer.getInt(at + 4), buffer.getLong(at + 8));
            }
            position += buffer.limit();
            done += batch;
        }
        entries.publish();
        return entries;
    }

    private static void writeIndex(FileChannel index, GrowableIndex entries) throws IOException {
        index.truncate(0);
        ByteBuffer buffer = ByteBuffer.allocateDirect(COPY_ENTRIES * SegmentIndex.ENTRY_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN);
        int count = entries.count();
        long position = 0;
        for (int done = 0; done < count; ) {
            int batch = Math.min(COPY_ENTRIES, count - done);
            buffer.clear();
            entries.writeEntries(done, done + batch, buffer);
            buffer.flip();
            while (buffer.hasRemaining()) {
                position += index.write(buffer, position);
            }
            done += batch;
        }
        index.force(true);
    }

    private FileChannel openExisting(Path path) throws IOException {
        return io.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private FileChannel openIndex(long base) throws IOException {
        Path path = Segment.indexPath(directory, base);
        if (!Files.exists(path)) {
            directoryChanged = true;
        }
        return io.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
