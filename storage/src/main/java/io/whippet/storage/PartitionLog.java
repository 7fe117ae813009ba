package io.whippet.storage;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The log of one partition: a directory of segments, oldest first, of which only the newest (the
 * active one) is written. Sealed segments are immutable.
 *
 * <pre>
 * partition-dir/
 *   00000000000000000000.log     messages in wire layout, back to back
 *   00000000000000000000.index   16-byte entries, see {@link SegmentIndex}
 *   00000000000000004096.log     the active segment (highest base offset)
 *   00000000000000004096.index
 *   clean-shutdown               present only between a clean close and the next open
 * </pre>
 *
 * <p>Threads: appends are meant to come from one owner thread per partition. Appends and the
 * maintenance calls (retention, purge, segment deletion, close) are serialized by an internal
 * lock, so maintenance may run from another thread, but the lock is not a queue: callers that
 * append from many threads should hand batches to the owner. Reads and statistics may run on any
 * thread at any time; they see the log up to the last published append. The {@link Flusher}
 * thread fsyncs the active segment.
 *
 * <p>Durability: every append writes its bytes to the segment file before its future completes.
 * With enforce_fsync the future completes only after an fsync covers the batch (group commit);
 * otherwise fsync happens by interval and thresholds. A failed write or fsync fences the partition:
 * every later append fails with the same error until the partition is reopened.
 */
public final class PartitionLog implements AutoCloseable {
    static final String CLEAN_SHUTDOWN_MARKER = "clean-shutdown";

    private final Path directory;
    private final PartitionConfig config;
    private final StorageContext context;
    private final FileIo io;
    private final BatchPatcher patcher;
    private final LogReader reader;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile List<Segment> segments;
    private final PartitionSync sync;
    private volatile boolean closed;

    // Appender state, guarded by lock.
    private long lastTimestampMicros;

    private PartitionLog(Path directory, PartitionConfig config, StorageContext context, List<Segment> segments) {
        this.directory = directory;
        this.config = config;
        this.context = context;
        this.io = context.fileIo();
        this.patcher = new BatchPatcher(context.randomForPartition());
        this.segments = List.copyOf(segments);
        this.reader = new LogReader(() -> this.segments, config.validateChecksumOnRead());
        this.sync = new PartitionSync(directory, io, config, () -> this.segments);
        this.lastTimestampMicros = segments.getLast().lastTimestampMicros();
    }

    /** Opens the partition in {@code directory}, creating it if needed and recovering it after a crash. */
    public static PartitionLog open(Path directory, PartitionConfig config, StorageContext context) {
        FileIo io = context.fileIo();
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Path parent = directory.toAbsolutePath().getParent();
                if (parent != null) {
                    io.syncDirectory(parent);
                }
            }
            Path marker = directory.resolve(CLEAN_SHUTDOWN_MARKER);
            boolean clean = Files.exists(marker);
            if (clean) {
                // Gone before the first append, so a crash from here on forces a scan at the next open.
                io.delete(marker);
                io.syncDirectory(directory);
            }
            List<Segment> segments = new SegmentLoader(directory, io).load(clean);
            PartitionLog log = new PartitionLog(directory, config, context, segments);
            if (!config.enforceFsync() && config.flushIntervalMs() > 0) {
                context.flusher().register(log.sync);
            }
            return log;
        } catch (IOException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_READ_FILE, "cannot open partition " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends {@code messageCount} messages held in wire layout in {@code messages} (little-endian,
     * position to limit), patching offset, timestamp, id and checksum in place. The buffer's
     * position and limit are left as they were. The future completes when the batch is durable
     * per policy, or exceptionally with a {@link WhippetException}.
     */
    public CompletableFuture<AppendResult> append(ByteBuffer messages, int messageCount) {
        if (messageCount <= 0) {
            return CompletableFuture.failedFuture(new WhippetException(
                    ErrorCode.INVALID_MESSAGES_COUNT, "messageCount: " + messageCount + " (expected: > 0)"));
        }
        lock.lock();
        try {
            checkWritable();
            int batchBytes = messages.remaining();
            Segment active = segments.getLast();
            if (active.sizeBytes() > 0 && active.sizeBytes() + batchBytes > config.segmentSizeBytes()) {
                active = roll(active);
            }
            long firstOffset = active.nextOffset();
            // Never backwards, even if the clock is: lookups by timestamp binary-search the index.
            long timestamp = Math.max(context.nowMicros(), lastTimestampMicros);
            GrowableIndex index = (GrowableIndex) active.index();
            int startPosition = (int) active.sizeBytes();
            ByteBuffer entries;
            try {
                entries = patcher.patch(messages, messageCount, firstOffset, timestamp, startPosition, index);
            } catch (RuntimeException e) {
                index.discardPending();
                throw e;
            }
            try {
                writeFully(active.log(), messages.duplicate(), startPosition);
                writeFully(active.indexChannel(), entries, (long) index.count() * SegmentIndex.ENTRY_SIZE);
            } catch (IOException e) {
                index.discardPending();
                throw sync.fence(ErrorCode.CANNOT_APPEND_MESSAGE, "cannot write to " + active.logPath(), e);
            }
            index.publish();
            lastTimestampMicros = timestamp;
            boolean thresholdCrossed = sync.recordWrite(messageCount, batchBytes);
            AppendResult result = new AppendResult(firstOffset, firstOffset + messageCount - 1, timestamp);
            if (config.enforceFsync()) {
                CompletableFuture<AppendResult> future = new CompletableFuture<>();
                context.flusher().syncThenComplete(sync, future, result);
                return future;
            }
            if (thresholdCrossed) {
                context.flusher().syncSoon(sync);
            }
            return CompletableFuture.completedFuture(result);
        } catch (WhippetException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.unlock();
        }
    }

    /** Reads messages; see {@link ReadQuery}. Any thread. Close the result when done with it. */
    public ReadResult read(ReadQuery query) {
        return reader.read(query);
    }

    /** The highest offset ever assigned, or 0 when none was. */
    public long currentOffset() {
        return Math.max(0, nextOffset() - 1);
    }

    /** The offset the next appended message gets. */
    public long nextOffset() {
        return segments.getLast().nextOffset();
    }

    /** The first retained offset, or {@link #nextOffset()} when the log holds no message. */
    public long firstOffset() {
        return LogReader.firstOffset(segments);
    }

    public long messagesCount() {
        long count = 0;
        for (Segment segment : segments) {
            count += segment.messageCount();
        }
        return count;
    }

    public long sizeBytes() {
        long size = 0;
        for (Segment segment : segments) {
            size += segment.sizeBytes();
        }
        return size;
    }

    public int segmentsCount() {
        return segments.size();
    }

    public boolean isEmpty() {
        return messagesCount() == 0;
    }

    /** The error that fenced this partition, if a write or fsync failed. */
    public @Nullable WhippetException failure() {
        return sync.failure();
    }

    /**
     * Deletes sealed segments, oldest first: those whose newest message is older than {@code
     * messageExpiryMicros}, then more while the partition is larger than {@code maxSizeBytes}.
     * {@link Long#MAX_VALUE} disables either rule. Returns the number of segments deleted.
     */
    public int enforceRetention(long messageExpiryMicros, long maxSizeBytes) {
        lock.lock();
        try {
            checkOpen();
            List<Segment> current = segments;
            long now = context.nowMicros();
            int expired = 0;
            while (expired < current.size() - 1 && isExpired(current.get(expired), now, messageExpiryMicros)) {
                expired++;
            }
            long size = sizeBytes();
            for (int i = 0; i < expired; i++) {
                size -= current.get(i).sizeBytes();
            }
            int count = expired;
            while (count < current.size() - 1 && size > maxSizeBytes) {
                size -= current.get(count).sizeBytes();
                count++;
            }
            removeOldest(count, false);
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A sealed segment expires when its newest message is older than the expiry. A newest
     * timestamp of 0 means unknown (never written by us), and such a segment never expires:
     * Iggy made the same exception after it deleted fresh data with zeroed timestamps.
     */
    private static boolean isExpired(Segment segment, long nowMicros, long expiryMicros) {
        long newest = segment.lastTimestampMicros();
        return expiryMicros != Long.MAX_VALUE && newest != 0 && nowMicros - newest > expiryMicros;
    }

    /** Deletes up to {@code count} of the oldest sealed segments; returns how many it deleted. */
    public int deleteOldestSegments(int count) {
        return deleteOldestSegments(count, Long.MAX_VALUE);
    }

    /**
     * Deletes up to {@code count} of the oldest sealed segments, stopping at the first one that
     * holds an offset at or after {@code protectFromOffset} (e.g. the lowest stored consumer
     * offset). Returns how many it deleted.
     */
    public int deleteOldestSegments(int count, long protectFromOffset) {
        lock.lock();
        try {
            checkOpen();
            List<Segment> current = segments;
            int deletable = 0;
            while (deletable < Math.min(count, current.size() - 1)
                    && current.get(deletable).nextOffset() - 1 < protectFromOffset) {
                deletable++;
            }
            removeOldest(deletable, true);
            return deletable;
        } finally {
            lock.unlock();
        }
    }

    /** Drops every message. Offsets continue from where they were. */
    public void purge() {
        lock.lock();
        try {
            checkWritable();
            List<Segment> current = segments;
            Segment active = current.getLast();
            if (active.messageCount() > 0) {
                try {
                    Segment fresh = SegmentLoader.create(directory, active.nextOffset(), io);
                    io.syncDirectory(directory);
                    List<Segment> next = new ArrayList<>(current);
                    next.add(fresh);
                    segments = List.copyOf(next);
                } catch (IOException e) {
                    throw sync.fence(ErrorCode.CANNOT_APPEND_MESSAGE, "cannot create a segment in " + directory, e);
                }
            }
            removeOldest(segments.size() - 1, true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes written messages durable now when {@code fsync}; without it there is nothing to do,
     * because appends never keep messages in a user-space buffer.
     */
    public void flush(boolean fsync) {
        if (fsync) {
            WhippetException error = sync.syncActive();
            if (error != null) {
                throw error;
            }
        }
    }

    /** Fsyncs everything, writes the clean-shutdown marker and releases the files. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            context.flusher().unregister(sync);
            try {
                if (sync.failure() == null) {
                    sync.syncAllAndClose(segments.getLast());
                    try (FileChannel marker = io.open(
                            directory.resolve(CLEAN_SHUTDOWN_MARKER),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE)) {
                        marker.force(true);
                    }
                    io.syncDirectory(directory);
                }
            } catch (IOException e) {
                throw sync.fence(ErrorCode.CANNOT_SYNC_FILE, "cannot close partition " + directory + " cleanly", e);
            } finally {
                closed = true;
                sync.markClosed();
                segments.forEach(Segment::release);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the partition and removes its directory, consumer offsets included. */
    public void delete() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                sync.markClosed();
                context.flusher().unregister(sync);
                segments.forEach(Segment::release);
            }
            try (Stream<Path> tree = Files.walk(directory)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    io.delete(path);
                }
                Path parent = directory.toAbsolutePath().getParent();
                if (parent != null) {
                    io.syncDirectory(parent);
                }
            } catch (IOException e) {
                throw new WhippetException(
                        ErrorCode.CANNOT_DELETE_FILE,
                        "cannot delete partition " + directory + ": " + e.getMessage(),
                        e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Tests: lets go of the files the way kill -9 would, without fsync or marker. */
    void abandon() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                sync.markClosed();
                context.flusher().unregister(sync);
                segments.forEach(Segment::release);
            }
        } finally {
            lock.unlock();
        }
    }

    Path directory() {
        return directory;
    }

    List<Segment> segments() {
        return segments;
    }

    /**
     * Seals the active segment and starts the next. The sealed segment's fsync is left to the
     * flusher, queued ahead of every later sync request, so the appender never waits for a whole
     * segment to reach the disk and group commit still covers the batches written before the roll.
     * The directory fsync for the new files goes with the next fsync too ({@link
     * PartitionSync#recordCreatedFiles}). A partition that never fsyncs ({@link
     * PartitionConfig#fsyncs()}) leaves the sealed segment to the kernel as well.
     */
    private Segment roll(Segment active) {
        try {
            Segment next = SegmentLoader.create(directory, active.nextOffset(), io);
            sync.recordCreatedFiles();
            try {
                active.seal();
            } catch (IOException e) {
                next.release();
                throw e;
            }
            // The sealed segment joins the pending set before the new one becomes visible: a
            // flusher that already sees `next` as active must also find `active` still to sync,
            // or it could acknowledge bytes in `active` after forcing only `next`.
            boolean retained = config.fsyncs() && active.tryRetain();
            if (retained) {
                sync.recordSealed(active);
            }
            List<Segment> updated = new ArrayList<>(segments);
            updated.add(next);
            segments = List.copyOf(updated);
            if (retained) {
                context.flusher().syncSealed(sync, active);
            }
            return next;
        } catch (IOException e) {
            throw sync.fence(ErrorCode.CANNOT_SAVE_MESSAGES_TO_SEGMENT, "cannot roll segment " + active.logPath(), e);
        }
    }

    /**
     * Unpublishes and deletes the {@code count} oldest segments; the caller holds the lock. The
     * directory fsync that makes the deletion durable runs before returning when {@code
     * syncDirectoryNow} (purge and segment deletion answer a client), otherwise on the flusher's
     * release thread (retention answers nobody, and on a busy disk that fsync waits behind the
     * writeback of whole segments). A deletion lost to a crash only brings back sealed segments
     * older than every retained one, which the next retention run deletes again. Either way the
     * deleted segments are closed on that thread: the last close frees their cached pages.
     */
    private void removeOldest(int count, boolean syncDirectoryNow) {
        if (count == 0) {
            return;
        }
        List<Segment> current = segments;
        List<Segment> removed = List.copyOf(current.subList(0, count));
        segments = List.copyOf(current.subList(count, current.size()));
        boolean syncLater = !syncDirectoryNow;
        try {
            for (Segment segment : removed) {
                io.delete(segment.logPath());
                io.delete(segment.indexPath());
            }
            if (syncDirectoryNow) {
                io.syncDirectory(directory);
            }
        } catch (IOException e) {
            syncLater = false;
            throw new WhippetException(
                    ErrorCode.CANNOT_DELETE_FILE, "cannot delete segments in " + directory + ": " + e.getMessage(), e);
        } finally {
            boolean syncDirectory = syncLater;
            context.flusher().inBackground(() -> {
                try {
                    if (syncDirectory) {
                        io.syncDirectory(directory);
                    }
                } catch (IOException e) {
                    sync.fence(ErrorCode.CANNOT_SYNC_FILE, "cannot fsync " + directory + " after retention", e);
                } finally {
                    removed.forEach(Segment::release);
                }
            });
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new WhippetException(ErrorCode.CANNOT_APPEND_MESSAGE, "partition " + directory + " is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        WhippetException fenced = sync.failure();
        if (fenced != null) {
            throw fenced;
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer source, long position) throws IOException {
        long at = position;
        while (source.hasRemaining()) {
            at += channel.write(source, at);
        }
    }
}
