package io.whippet.storage;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The durability state of one partition: how many bytes were written and how many of them an
 * fsync is known to cover, the sealed segments still waiting for their fsync, the unsynced
 * counts behind the flush thresholds, and the fence.
 *
 * <p>Threads: the appender records writes and seals; the {@link Flusher} thread (or a caller of
 * {@code flush(true)}) syncs; any thread reads the fence. A failed write or fsync fences the
 * partition once and for all: the first error is kept and returned to everyone after.
 */
final class PartitionSync {
    private final Path directory;
    private final FileIo io;
    private final PartitionConfig config;
    private final Supplier<List<Segment>> segments;
    private final Set<Segment> unsyncedSealed = ConcurrentHashMap.newKeySet();
    private final AtomicLong syncedBytes = new AtomicLong();
    /** A roll created files whose directory entries no fsync of the directory covers yet. */
    private final AtomicBoolean directoryUnsynced = new AtomicBoolean();

    private volatile long writtenBytes;
    private volatile long lastSyncNanos = System.nanoTime();
    private volatile boolean closed;
    /** Flusher: how far the last sync reserved blocks ahead of the active segment's end. */
    private volatile long reserveAheadBytes;

    private volatile @Nullable WhippetException failure;

    // Appender only: what the thresholds count.
    private long unsyncedMessages;
    private long unsyncedBytes;

    PartitionSync(Path directory, FileIo io, PartitionConfig config, Supplier<List<Segment>> segments) {
        this.directory = directory;
        this.io = io;
        this.config = config;
        this.segments = segments;
    }

    @Nullable
    WhippetException failure() {
        return failure;
    }

    /** Appender: a batch reached the file. Returns whether a flush threshold was crossed. */
    boolean recordWrite(int messageCount, int batchBytes) {
        writtenBytes += batchBytes;
        unsyncedMessages += messageCount;
        unsyncedBytes += batchBytes;
        boolean overMessages =
                config.flushMessagesThreshold() > 0 && unsyncedMessages >= config.flushMessagesThreshold();
        boolean overBytes = config.flushBytesThreshold() > 0 && unsyncedBytes >= config.flushBytesThreshold();
        if (overMessages || overBytes) {
            unsyncedMessages = 0;
            unsyncedBytes = 0;
            return true;
        }
        return false;
    }

    /** Appender: a roll sealed this segment (retained for us); the flusher will fsync it. */
    void recordSealed(Segment sealed) {
        unsyncedSealed.add(sealed);
    }

    /**
     * Appender: a roll created the next segment's files. The directory fsync that makes them
     * durable runs with the next fsync of any segment, never on the appender: on ext4 a directory
     * fsync commits the journal, which first writes back every dirty data block it orders, so it
     * costs as much as an fsync of the data just written. Nothing in the new files is durable
     * before that next fsync anyway.
     */
    void recordCreatedFiles() {
        directoryUnsynced.set(true);
    }

    /**
     * Flusher: fsyncs the active segment's log; returns the fence error if the partition is fenced
     * afterwards. Segments sealed since the last sync were queued to the flusher ahead of the
     * request that got us here, so with them forcing the active segment covers everything written
     * before this call.
     */
    @Nullable
    WhippetException syncActive() {
        long target = writtenBytes;
        if (syncedBytes.get() >= target || closed) {
            return failure;
        }
        Segment active = retainActive();
        if (active == null) {
            return failure;
        }
        try {
            // Older segments first, always: then durable data is a prefix of the log, and
            // recovery can treat anything after a gap as never synced.
            syncPendingSealed();
            syncDirectoryIfCreated();
            // Room for what the appender writes until the next fsync: twice what this one covers.
            long covers = target - syncedBytes.get();
            reserveAheadBytes = 2 * covers;
            active.reserveAhead(io, reserveAheadBytes, config.segmentSizeBytes());
            active.log().force(false);
            syncedBytes.accumulateAndGet(target, Math::max);
            lastSyncNanos = System.nanoTime();
        } catch (IOException e) {
            fence(ErrorCode.CANNOT_SYNC_FILE, "cannot fsync " + active.logPath(), e);
        } finally {
            active.release();
        }
        return failure;
    }

    /** Flusher: fsyncs a sealed segment (log and index) and drops the reference the roll took. */
    @Nullable
    WhippetException syncSealed(Segment sealed) {
        try {
            if (unsyncedSealed.contains(sealed)) {
                reserveForActive();
                sealed.log().force(false);
                sealed.indexChannel().force(false);
                sealed.releaseReserve(io);
                unsyncedSealed.remove(sealed);
            }
            syncDirectoryIfCreated();
        } catch (IOException e) {
            fence(ErrorCode.CANNOT_SYNC_FILE, "cannot fsync sealed segment " + sealed.logPath(), e);
        } finally {
            sealed.release();
        }
        return failure;
    }

    /** Close: fsyncs every pending sealed segment and the active one, then stops syncing. */
    void syncAllAndClose(Segment active) throws IOException {
        try {
            syncPendingSealed();
            syncDirectoryIfCreated();
            active.log().force(true);
            active.indexChannel().force(true);
            active.releaseReserve(io);
            syncedBytes.accumulateAndGet(writtenBytes, Math::max);
        } finally {
            closed = true;
        }
    }

    /** Fsyncs the sealed segments still waiting, oldest first; their queued requests only release them. */
    private void syncPendingSealed() throws IOException {
        if (unsyncedSealed.isEmpty()) {
            return;
        }
        List<Segment> pending = unsyncedSealed.stream()
                .sorted(Comparator.comparingLong(Segment::baseOffset))
                .toList();
        for (Segment sealed : pending) {
            // Our own reference while we force: the flusher's syncSealed may finish this segment
            // meanwhile and drop the last one, closing its channels under us. If it already has,
            // the segment is synced and nothing is left to do.
            if (unsyncedSealed.contains(sealed) && sealed.tryRetain()) {
                try {
                    sealed.log().force(false);
                    sealed.indexChannel().force(false);
                    sealed.releaseReserve(io);
                    unsyncedSealed.remove(sealed);
                } finally {
                    sealed.release();
                }
            }
        }
    }

    /** Fsyncs the directory when a roll created files since its last fsync. */
    private void syncDirectoryIfCreated() throws IOException {
        if (directoryUnsynced.getAndSet(false)) {
            try {
                io.syncDirectory(directory);
            } catch (IOException e) {
                directoryUnsynced.set(true);
                throw e;
            }
        }
    }

    void markClosed() {
        closed = true;
    }

    boolean intervalSyncDue(long nowNanos) {
        return nanosUntilIntervalSync(nowNanos) <= 0 && syncedBytes.get() < writtenBytes;
    }

    /**
     * How long the flusher may sleep for this partition. With nothing unsynced there is nothing to
     * wait for: answering the (long past) due time instead made an idle flusher wake every
     * millisecond. A write while it sleeps is synced at the latest one flusher idle period (a
     * second) after its interval is over.
     */
    long nanosUntilIntervalSync(long nowNanos) {
        if (syncedBytes.get() >= writtenBytes) {
            return Long.MAX_VALUE;
        }
        return lastSyncNanos + TimeUnit.MILLISECONDS.toNanos(config.flushIntervalMs()) - nowNanos;
    }

    /** Fences the partition (the first error wins) and returns the error to throw. */
    WhippetException fence(ErrorCode code, String message, IOException cause) {
        WhippetException error = new WhippetException(
                code, message + ": " + cause + "; partition " + directory + " fenced until restart", cause);
        synchronized (this) {
            if (failure == null) {
                failure = error;
            }
            return Objects.requireNonNull(failure);
        }
    }

    /**
     * Flusher, before forcing a segment the last roll sealed: reserves blocks in the new active
     * segment as far ahead as the last sync did, so its first interval needs no allocation at its
     * first fsync either. Not the appender: reserving may wait behind a write-back.
     */
    private void reserveForActive() {
        Segment active = retainActive();
        if (active != null) {
            try {
                active.reserveAhead(io, reserveAheadBytes, config.segmentSizeBytes());
            } finally {
                active.release();
            }
        }
    }

    private @Nullable Segment retainActive() {
        while (!closed) {
            List<Segment> snapshot = segments.get();
            if (snapshot.getLast().tryRetain()) {
                return snapshot.getLast();
            }
            if (segments.get() == snapshot) {
                return null;
            }
        }
        return null;
    }
}
