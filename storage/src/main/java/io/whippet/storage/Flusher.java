package io.whippet.storage;

import io.whippet.protocol.WhippetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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
 *
 * <p>One more thread finishes the deletion of segments: the last close of an unlinked file frees
 * its page cache and blocks, tens of milliseconds for a large segment, which must not stall the
 * appender that ran retention (it holds the partition lock) nor delay an acknowledgement here.
 */
public final class Flusher implements AutoCloseable {
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How many partitions of one group are fsynced at the same time. */
    private static final int PARALLEL_SYNCS = 8;
    /**
     * How long {@link #gather} waits for the next append before it gives up: about the time a
     * woken writer takes to append again on this kind of machine, a fifth of an fsync.
     * {@code -Dwhippet.flusher.gatherMicros=0} turns gathering off.
     */
    private static final long GATHER_NANOS =
            TimeUnit.MICROSECONDS.toNanos(Long.getLong("whippet.flusher.gatherMicros", 50));

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
    /**
     * Fsyncs of different partitions in one group run side by side: each is a journal commit on
     * its own when done one after another, while the file system folds concurrent ones into one
     * (ext4's jbd2 commits every transaction that joined while the previous commit ran).
     */
    private final ExecutorService syncers;
    /** Finishes segment deletions; see the class comment. */
    private final ExecutorService releaser;

    private volatile boolean running = true;
    /** Flusher thread only. */
    private final GatherBackoff gathering = new GatherBackoff(GATHER_NANOS > 0);

    public Flusher(String name) {
        this.syncers = Executors.newFixedThreadPool(
                PARALLEL_SYNCS,
                Thread.ofPlatform()
                        .name("whippet-fsync-" + name + "-", 0)
                        .daemon(true)
                        .factory());
        this.releaser = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("whippet-release-" + name).daemon(true).factory());
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

    /**
     * Runs {@code task} on the release thread (see the class comment), or inline once this flusher
     * is closed. Tasks run one at a time, in order.
     */
    void inBackground(Runnable task) {
        try {
            releaser.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
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
        syncers.shutdown();
        releaser.shutdown();
        try {
            releaser.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        // How many acknowledged appends to expect back in the next group (see gather).
        int writers = 0;
        while (running) {
            try {
                Request first = queue.poll(idleNanos(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    List<Request> group = new ArrayList<>();
                    group.add(first);
                    queue.drainTo(group);
                    if (writers > 1 && gathering.tryNow()) {
                        gathering.done(gather(group, writers));
                    }
                    writers = waiting(group) + syncGroup(group);
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

    /**
     * Waits a little for the appends of the writers the last fsync acknowledged, so that they join
     * this group instead of the next one. Without it, writers fall into two cohorts: those
     * acknowledged by fsync N append again while fsync N+1 (the other cohort's, queued during N)
     * runs, and wait for N+2, so an fsync covered about half of them (4.3 of 8 writers, measured)
     * and each writer waited for two. Waiting stops when as many appends wait as there were
     * writers ({@code writers}: acknowledged by the last fsync plus queued during it), or after
     * {@link #GATHER_NANOS} without a new one; the thread yields meanwhile, since on a small
     * machine the writers need its CPU. Returns false when it waited in vain: nothing arrived.
     */
    private boolean gather(List<Request> group, int writers) {
        long last = System.nanoTime();
        boolean arrived = false;
        int appends = waiting(group);
        while (appends < writers) {
            int before = group.size();
            queue.drainTo(group);
            long now = System.nanoTime();
            if (group.size() > before) {
                appends += waiting(group.subList(before, group.size()));
                arrived = true;
                last = now;
            } else if (now - last > GATHER_NANOS) {
                return arrived;
            } else {
                Thread.yield();
            }
        }
        return true;
    }

    /** Appends waiting for an fsync (the rest are sealed segments and timed syncs). */
    private static int waiting(Iterable<Request> requests) {
        int count = 0;
        for (Request request : requests) {
            if (request.future() != null) {
                count++;
            }
        }
        return count;
    }

    private synchronized void drainAndSync() {
        List<Request> group = new ArrayList<>();
        queue.drainTo(group);
        if (!group.isEmpty()) {
            syncGroup(group);
        }
    }

    /** Returns how many appends were queued when the fsync ended (before any acknowledgement). */
    private int syncGroup(List<Request> group) {
        Map<PartitionSync, @Nullable RuntimeException> outcome = new IdentityHashMap<>();
        // Sealed segments first: an acknowledgement below may cover bytes written before a roll.
        for (Request request : group) {
            Segment sealed = request.sealed();
            if (sealed != null) {
                request.partition().syncSealed(sealed);
            }
        }
        Set<PartitionSync> active = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Request request : group) {
            if (request.sealed() == null) {
                active.add(request.partition());
            }
        }
        syncActive(active, outcome);
        // Before the acknowledgements below: an appender woken by one could be counted twice.
        int queuedMeanwhile = waiting(queue);
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
        return queuedMeanwhile;
    }

    private void syncActive(Set<PartitionSync> partitions, Map<PartitionSync, @Nullable RuntimeException> outcome) {
        if (partitions.size() == 1 || syncers.isShutdown()) {
            for (PartitionSync partition : partitions) {
                outcome.put(partition, partition.syncActive());
            }
            return;
        }
        Map<PartitionSync, Future<@Nullable WhippetException>> running = new IdentityHashMap<>();
        for (PartitionSync partition : partitions) {
            running.put(partition, syncers.submit(partition::syncActive));
        }
        for (Map.Entry<PartitionSync, Future<@Nullable WhippetException>> entry : running.entrySet()) {
            outcome.put(entry.getKey(), await(entry.getValue()));
        }
    }

    private static @Nullable RuntimeException await(Future<@Nullable WhippetException> sync) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return sync.get();
                } catch (InterruptedException e) {
                    // close() interrupts the flusher; the fsync under way still decides the outcome.
                    interrupted = true;
                } catch (ExecutionException e) {
                    return e.getCause() instanceof RuntimeException failure
                            ? failure
                            : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
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
