package io.whippet.storage;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The fsync thread of one data directory, doing group commit the way BookKeeper's
 * ForceWriteThread does: it takes every sync request waiting, fsyncs each partition concerned
 * once, and then completes all the requests that fsync covered. While it syncs, appenders keep
 * writing and queueing, so the next fsync covers the next group.
 *
 * <p>It also runs the time-based flush of partitions without enforce_fsync ({@link
 * PartitionConfig#flushIntervalMs()}). Futures complete on this thread, so their callbacks must not
 * block.
 */
public final class Flusher implements AutoCloseable {
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * A wish to fsync {@code partition}'s active segment, or the {@code sealed} one; with a future, an
     * append waiting to be acknowledged.
     */
    private record Request(
            PartitionSync partition,
            @Nullable Segment sealed,
            @Nullable CompletableFuture<AppendResult> future,
            @Nullable AppendResult result) {}

    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Set<PartitionSync> timed = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    public Flusher(String name) {
        this.thread =
                Thread.ofPlatform().name("whippet-flusher-" + name).daemon(true).unstarted(this::run);
        thread.start();
    }

    /** Completes {@code future} with {@code result} once an fsync covers what {@code partition} has written. */
    void syncThenComplete(PartitionSync partition, CompletableFuture<AppendResult> future, AppendResult result) {
        queue.add(new Request(partition, null, future, result));
        if (!running) {
            drainAndSync();
        }
    }

    /** Asks for an fsync of {@code partition} soon, without anyone waiting for it. */
    void syncSoon(PartitionSync partition) {
        queue.add(new Request(partition, null, null, null));
    }

    /** Fsyncs a segment a roll just sealed, before any sync request queued after this one. */
    void syncSealed(PartitionSync partition, Segment sealed) {
        queue.add(new Request(partition, sealed, null, null));
        if (!running) {
            drainAndSync();
        }
    }

    void register(PartitionSync partition) {
        timed.add(partition);
    }

    void unregister(PartitionSync partition) {
        timed.remove(partition);
    }

    /** Syncs what is pending, then stops the thread. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainAndSync();
    }

    private void run() {
        while (running) {
            try {
                Request first = queue.poll(idleNanos(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    List<Request> group = new ArrayList<>();
                    group.add(first);
                    queue.drainTo(group);
                    syncGroup(group);
                }
                syncDueLogs();
            } catch (InterruptedException e) {
                // close() interrupts to wake us; the loop condition decides.
            } catch (RuntimeException e) {
                // A bug in one partition must not stop group commit for the others.
                System.getLogger(Flusher.class.getName()).log(System.Logger.Level.ERROR, "flusher failed", e);
            }
        }
    }

    private synchronized void drainAndSync() {
        List<Request> group = new ArrayList<>();
        queue.drainTo(group);
        if (!group.isEmpty()) {
            syncGroup(group);
        }
    }

    private static void syncGroup(List<Request> group) {
        Map<PartitionSync, @Nullable RuntimeException> outcome = new IdentityHashMap<>();
        // Sealed segments first: an acknowledgement below may cover bytes written before a roll.
        for (Request request : group) {
            Segment sealed = request.sealed();
            if (sealed != null) {
                request.partition().syncSealed(sealed);
            }
        }
        for (Request request : group) {
            if (request.sealed() == null && !outcome.containsKey(request.partition())) {
                outcome.put(request.partition(), request.partition().syncActive());
            }
        }
        for (Request request : group) {
            CompletableFuture<AppendResult> future = request.future();
            AppendResult result = request.result();
            if (future == null || result == null) {
                continue;
            }
            RuntimeException failure = outcome.get(request.partition());
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }

    private void syncDueLogs() {
        long now = System.nanoTime();
        for (PartitionSync partition : timed) {
            if (partition.intervalSyncDue(now)) {
                partition.syncActive();
            }
        }
    }

    private long idleNanos() {
        long now = System.nanoTime();
        long idle = MAX_IDLE_NANOS;
        for (PartitionSync partition : timed) {
            idle = Math.min(idle, partition.nanosUntilIntervalSync(now));
        }
        return Math.max(idle, TimeUnit.MILLISECONDS.toNanos(1));
    }
}
