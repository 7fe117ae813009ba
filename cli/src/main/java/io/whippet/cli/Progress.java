package io.whippet.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for long operations (sending a big file, polling many messages),
 * redrawn in place at most every 200 ms from the caller's own thread, so it needs no thread of its
 * own. Drawn only when enabled (a person is watching and {@code --quiet} is off).
 */
final class Progress implements AutoCloseable {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String unit;
    private final long total;
    private final LongSupplier nanoClock;
    private long done;
    private long lastDrawNanos;
    private boolean drawn;

    /**
     * @param total the expected amount, or 0 when unknown (then only the count is shown)
     */
    Progress(PrintStream err, boolean enabled, String unit, long total, LongSupplier nanoClock) {
        this.err = err;
        this.enabled = enabled;
        this.unit = unit;
        this.total = total;
        this.nanoClock = nanoClock;
        this.lastDrawNanos = nanoClock.getAsLong();
    }

    static Progress of(RootCommand root, String unit, long total) {
        return new Progress(
                root.terminal().err(), root.terminal().interactive() && !root.quiet(), unit, total, System::nanoTime);
    }

    void advance(long amount) {
        done += amount;
        if (!enabled) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastDrawNanos >= REDRAW_NANOS) {
            lastDrawNanos = now;
            draw();
        }
    }

    long done() {
        return done;
    }

    private void draw() {
        if (total > 0) {
            long shown = Math.min(done, total);
            err.printf(Locale.ROOT, "\r%3d%% %,d/%,d %s ", shown * 100 / total, shown, total, unit);
        } else {
            err.printf(Locale.ROOT, "\r%,d %s ", done, unit);
        }
        err.flush();
        drawn = true;
    }

    /** Draws the final state once (if anything was drawn) and ends the line. */
    @Override
    public void close() {
        if (drawn) {
            draw();
            err.println();
        }
    }
}
