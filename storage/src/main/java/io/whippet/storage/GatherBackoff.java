package io.whippet.storage;

/**
 * When the {@link Flusher} may wait to gather a group: always, until a wait brings nothing (the
 * acknowledged writers did not come back in time: clients across a network, or producers that
 * pause); then it skips 1, 2, 4 ... up to {@value #MAX_SKIPS} groups before it tries again, so a
 * workload that gathering cannot help pays for one fruitless wait in every {@value #MAX_SKIPS}
 * fsyncs at most. Owned by the flusher thread.
 */
final class GatherBackoff {
    static final int MAX_SKIPS = 64;

    private final boolean enabled;
    private int skips;
    private int skipsLeft;

    GatherBackoff(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether to gather for the group at hand. */
    boolean tryNow() {
        if (!enabled) {
            return false;
        }
        if (skipsLeft > 0) {
            skipsLeft--;
            return false;
        }
        return true;
    }

    /** The outcome of a gather: {@code fruitful} when at least one append arrived while it waited. */
    void done(boolean fruitful) {
        if (fruitful) {
            skips = 0;
        } else {
            skips = Math.min(Math.max(1, skips * 2), MAX_SKIPS);
            skipsLeft = skips;
        }
    }
}
