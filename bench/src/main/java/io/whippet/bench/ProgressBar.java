package io.whippet.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on stderr, redrawn every 250 ms from its own daemon thread: messages done
 * out of the expected total, and the rate since the start.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 40;

    private final AtomicLong done;
    private final long total;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    ProgressBar(AtomicLong done, long total, PrintStream out) {
        this.done = done;
        this.total = Math.max(1, total);
        this.out = out;
        this.thread = Thread.ofPlatform().daemon().name("bench-progress").start(this::loop);
    }

    private void loop() {
        while (running) {
            draw();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void draw() {
        long current = Math.min(done.get(), total);
        int filled = (int) (current * WIDTH / total);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(
                Locale.ROOT,
                "\r[%s%s] %3d%% %,d/%,d messages, %.0f msg/s ",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                current * 100 / total,
                current,
                total,
                seconds > 0 ? current / seconds : 0);
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        out.println();
    }
}
