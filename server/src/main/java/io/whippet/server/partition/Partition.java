package io.whippet.server.partition;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.storage.AppendResult;
import io.whippet.storage.ConsumerOffsets;
import io.whippet.storage.PartitionLog;
import java.nio.ByteBuffer;
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
 */
public final class Partition {
    private final long id;
    private final long createdAtMicros;
    private final PartitionLog log;
    private final ConsumerOffsets offsets;
    private final @Nullable Deduplicator deduplicator;
    private final ReentrantLock appendLock = new ReentrantLock();

    Partition(
            long id,
            long createdAtMicros,
            PartitionLog log,
            ConsumerOffsets offsets,
            @Nullable Deduplicator deduplicator) {
        this.id = id;
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
