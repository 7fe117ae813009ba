package io.whippet.client.producer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The producer's bounded buffer, counted in bytes: senders acquire room before a message is
 * buffered and the sending thread releases it once the batch is acknowledged (or failed). One
 * message larger than the whole buffer is let through alone rather than never.
 */
final class BufferBudget {
    private final long capacityBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long usedBytes;

    BufferBudget(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    void acquire(long bytes, Backpressure backpressure) throws InterruptedException {
        lock.lock();
        try {
            switch (backpressure) {
                case Backpressure.Block block -> {
                    while (!fits(bytes)) {
                        released.await();
                    }
                }
                case Backpressure.BlockWithTimeout timeout -> {
                    long remainingNanos = TimeUnit.MILLISECONDS.toNanos(timeout.timeoutMs());
                    while (!fits(bytes)) {
                        if (remainingNanos <= 0) {
                            throw full(bytes);
                        }
                        remainingNanos = released.awaitNanos(remainingNanos);
                    }
                }
                case Backpressure.FailImmediately fail -> {
                    if (!fits(bytes)) {
                        throw full(bytes);
                    }
                }
            }
            usedBytes += bytes;
        } finally {
            lock.unlock();
        }
    }

    void release(long bytes) {
        lock.lock();
        try {
            usedBytes -= bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long usedBytes() {
        lock.lock();
        try {
            return usedBytes;
        } finally {
            lock.unlock();
        }
    }

    private boolean fits(long bytes) {
        return usedBytes == 0 || usedBytes + bytes <= capacityBytes;
    }

    private BufferFullException full(long bytes) {
        return new BufferFullException(
                "producer buffer: " + usedBytes + " + " + bytes + " bytes (expected: <= " + capacityBytes + ")");
    }
}
