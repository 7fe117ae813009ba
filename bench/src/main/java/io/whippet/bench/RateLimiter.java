package io.whippet.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces one actor to {@code bytesPerSecond}: before each batch it waits until the bytes sent so
 * far are within budget for the time elapsed. Owned by the actor's thread. 0 means unlimited.
 */
final class RateLimiter {
    private final long bytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long sentBytes;

    RateLimiter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    void acquire(long bytes) {
        if (bytesPerSecond <= 0) {
            return;
        }
        sentBytes += bytes;
        long dueNanos = startNanos + (long) (sentBytes * 1e9 / bytesPerSecond);
        long waitNanos = dueNanos - System.nanoTime();
        while (waitNanos > 0) {
            LockSupport.parkNanos(waitNanos);
            waitNanos = dueNanos - System.nanoTime();
        }
    }
}
