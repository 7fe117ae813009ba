package io.whippet.server.payload;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;

/**
 * Idle {@link PayloadWorker}s, shared by all request threads. Requests run on virtual threads, one
 * per request, so a thread-local cipher would be built for every batch; a pool keeps the
 * {@code Cipher}, {@code Deflater} and buffers alive across requests instead. A missing worker is
 * created on demand (each with its own {@link SecureRandom}, so nonces are drawn without
 * contention); at most {@code maxIdle} are kept, the rest freed. Thread-safe.
 */
final class WorkerPool {
    private final @Nullable SecretKey key;
    private final int maxIdle;
    private final ConcurrentLinkedQueue<PayloadWorker> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    WorkerPool(@Nullable SecretKey key, int maxIdle) {
        this.key = key;
        this.maxIdle = maxIdle;
    }

    PayloadWorker take() {
        PayloadWorker worker = idle.poll();
        if (worker != null) {
            idleCount.decrementAndGet();
            return worker;
        }
        return new PayloadWorker(key == null ? null : new AesGcm(key, new SecureRandom()));
    }

    void give(PayloadWorker worker) {
        worker.trim();
        if (idleCount.incrementAndGet() <= maxIdle) {
            idle.add(worker);
        } else {
            idleCount.decrementAndGet();
            worker.end();
        }
    }
}
