package io.whippet.client.producer;

import io.whippet.client.Message;
import io.whippet.protocol.Partitioning;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Groups buffered messages into one open batch per partitioning and hands batches to the sending
 * thread when they are full (by message count or bytes), when their linger time is up, on flush,
 * or on close.
 *
 * <p>Threads: any number of senders call {@link #add}; one sending thread calls {@link
 * #awaitReady}. All state is guarded by {@code lock}.
 */
final class BatchAccumulator {
    private final int batchLength;
    private final long batchSizeBytes;
    private final long lingerNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Partitioning, PendingBatch> open = new LinkedHashMap<>();
    private final List<PendingBatch> ready = new ArrayList<>();
    private final Set<CompletableFuture<Void>> outstanding = new HashSet<>();
    private boolean flushRequested;
    private boolean closed;

    BatchAccumulator(int batchLength, long batchSizeBytes, long lingerMs) {
        this.batchLength = batchLength;
        this.batchSizeBytes = batchSizeBytes;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMs);
    }

    /** Buffers a message; the future completes when its batch is acknowledged. */
    CompletableFuture<Void> add(Partitioning partitioning, Message message, int bytes) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("producer closed");
            }
            PendingBatch batch = open.get(partitioning);
            if (batch == null) {
                batch = new PendingBatch(partitioning, System.nanoTime());
                open.put(partitioning, batch);
                CompletableFuture<Void> sent = batch.sent;
                outstanding.add(sent);
                sent.whenComplete((ignored, failure) -> forget(sent));
                changed.signal();
            }
            batch.add(message, bytes);
            if (batch.messages.size() >= batchLength || batch.sizeBytes >= batchSizeBytes) {
                open.remove(partitioning);
                ready.add(batch);
                changed.signal();
            }
            return batch.sent;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for batches to send: the full ones, the ones past their linger, or all after a flush or
     * close. Returns an empty list only once closed and drained.
     */
    List<PendingBatch> awaitReady() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                long nextDeadline = Long.MAX_VALUE;
                for (Iterator<PendingBatch> it = open.values().iterator(); it.hasNext(); ) {
                    PendingBatch batch = it.next();
                    long deadline = batch.createdNanos + lingerNanos;
                    if (flushRequested || closed || deadline - now <= 0) {
                        it.remove();
                        ready.add(batch);
                    } else {
                        nextDeadline = Math.min(nextDeadline, deadline);
                    }
                }
                flushRequested = false;
                if (!ready.isEmpty()) {
                    List<PendingBatch> batches = new ArrayList<>(ready);
                    ready.clear();
                    return batches;
                }
                if (closed) {
                    return List.of();
                }
                if (nextDeadline == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(nextDeadline - now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is buffered now; the future completes when all of it is acknowledged. */
    CompletableFuture<Void> flush() {
        lock.lock();
        try {
            flushRequested = true;
            changed.signal();
            return CompletableFuture.allOf(outstanding.toArray(CompletableFuture[]::new));
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new messages; the sending thread drains what is buffered, then stops. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void forget(CompletableFuture<Void> sent) {
        lock.lock();
        try {
            outstanding.remove(sent);
        } finally {
            lock.unlock();
        }
    }
}
