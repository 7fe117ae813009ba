package io.whippet.connectors.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Waits that {@link #wake} cuts short, so stopping a task never waits out a backoff. Thread-safe. */
final class Sleeper {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean stopped;

    /** Waits up to {@code duration}; false when woken for stopping. */
    boolean sleep(Duration duration) {
        long remaining = duration.toNanos();
        lock.lock();
        try {
            while (!stopped && remaining > 0) {
                remaining = woken.awaitNanos(remaining);
            }
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    void wake() {
        lock.lock();
        try {
            stopped = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean stopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    static long elapsedNanos(long startNanos) {
        return System.nanoTime() - startNanos;
    }

    static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }
}
