package io.whippet.server.partition;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.storage.AppendResult;
import io.whippet.storage.ConsumerOffsets;
import io.whippet.storage.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One partition on this node: its log, its stored consumer offsets and its deduplication state.
 *
 * <p>Appends are serialized by {@link #appendLock} (deduplication and the log's appender state
 * change together); the caller then waits, outside the lock, for the durability the topic asks
 * for, so with enforce_fsync many senders share one fsync (group commit). Reads and offsets are
 * safe from any thread.
 *
 * <p>A partition that has ever stored a message in encoded form (compressed or encrypted) says so
 * with an empty marker file, {@value #ENCODED_MARKER}, created before that first append and never
 * removed: polls of such a partition are decoded in memory, polls of any other stay zero-copy.
 */
public final class Partition {
    static final String ENCODED_MARKER = "encoded-payloads";

    private final long id;
    private final Path directory;
    private volatile boolean holdsEncodedPayloads;
    private final long createdAtMicros;
    private final PartitionLog log;
    private final ConsumerOffsets offsets;
    private final @Nullable Deduplicator deduplicator;
    private final ReentrantLock appendLock = new ReentrantLock();

    Partition(
            long id,
            Path directory,
            long createdAtMicros,
            PartitionLog log,
            ConsumerOffsets offsets,
            @Nullable Deduplicator deduplicator) {
        this.id = id;
        this.directory = directory;
        this.holdsEncodedPayloads = Files.exists(directory.resolve(ENCODED_MARKER));
        this.createdAtMicros = createdAtMicros;
        this.log = log;
        this.offsets = offsets;
        this.deduplicator = deduplicator;
    }

    public long id() {
        return id;
    }

    public long createdAtMicros() {
        return createdAtMicros;
    }

    public PartitionLog log() {
        return log;
    }

    public ConsumerOffsets offsets() {
        return offsets;
    }

    /** Whether some stored message may be encoded, so polls must go through the decoder. */
    public boolean holdsEncodedPayloads() {
        return holdsEncodedPayloads;
    }

    /**
     * Records, durably and before the first such append, that this partition stores encoded
     * messages. Idempotent and cheap once done.
     */
    public void markEncodedPayloads() {
        if (holdsEncodedPayloads) {
            return;
        }
        appendLock.lock();
        try {
            if (!holdsEncodedPayloads) {
                Files.write(directory.resolve(ENCODED_MARKER), new byte[0]);
                try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
                    directoryChannel.force(true);
                }
                holdsEncodedPayloads = true;
            }
        } catch (IOException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_WRITE_TO_FILE,
                    "cannot mark " + directory + " as holding encoded payloads: " + e.getMessage(),
                    e);
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Appends a validated batch (patched in place) and returns once it is as durable as the topic
     * requires. Messages dropped as duplicates are not appended.
     *
     * @return the appended range, or empty when every message was a duplicate
     */
    public java.util.Optional<AppendResult> append(ByteBuffer messages, int count, long nowMicros) {
        CompletableFuture<AppendResult> written;
        appendLock.lock();
        try {
            int kept = deduplicator == null ? count : deduplicator.filter(messages, count, nowMicros);
            if (kept == 0) {
                return java.util.Optional.empty();
            }
            written = log.append(messages, kept);
        } finally {
            appendLock.unlock();
        }
        try {
            return java.util.Optional.of(written.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof WhippetException failure) {
                throw failure;
            }
            throw new WhippetException(ErrorCode.CANNOT_APPEND_MESSAGE, "append failed: " + e.getCause(), e);
        }
    }
}
