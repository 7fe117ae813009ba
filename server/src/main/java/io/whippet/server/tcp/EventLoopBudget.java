package io.whippet.server.tcp;

import java.util.concurrent.TimeUnit;

/**
 * Decides whether one connection's quick request ({@link
 * io.whippet.server.command.CommandProcessor#quickOnIoThread}) may run right on its event loop,
 * sparing two thread hand-offs. A write to the page cache can still stall (dirty-page
 * throttling), and an event loop serves other connections too: after a request that held it
 * longer than {@code maxOnEventLoopNanos} (10 ms by default), the connection sends every request
 * to virtual threads for a while (0.1 s, doubling with each further slow one up to 5 s), so a slow
 * disk costs the other connections a rare stall, not one per batch. Requests above {@link
 * #MAX_ON_EVENT_LOOP_BYTES} never run there. Confined to the connection's event loop.
 */
public final class EventLoopBudget {
    /** Larger requests go to a virtual thread: running them would hold the event loop too long. */
    public static final int MAX_ON_EVENT_LOOP_BYTES = 4 << 20;
    /** A request on the event loop that took longer than this (a slow disk) ... */
    public static final long MAX_ON_EVENT_LOOP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * ... sends this connection's requests to virtual threads for this long, doubled after each
     * further slow one up to the maximum: a stall from a busy CPU costs little, a disk that stays
     * slow stalls the event loop ever more rarely.
     */
    private static final long MIN_OFFLOAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final long MAX_OFFLOAD_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long maxOnEventLoopNanos;
    /** Until then (System.nanoTime) no request runs on the event loop. */
    private long offloadUntilNanos = System.nanoTime();
    /** How long the next slow request on the event loop keeps requests off it. */
    private long offloadNanos = MIN_OFFLOAD_NANOS;

    public EventLoopBudget() {
        this(MAX_ON_EVENT_LOOP_NANOS);
    }

    /** {@code maxOnEventLoopNanos}: a request on the event loop taking longer is "slow" (tests). */
    public EventLoopBudget(long maxOnEventLoopNanos) {
        this.maxOnEventLoopNanos = maxOnEventLoopNanos;
    }

    /** Whether a quick request of {@code payloadBytes} may run on the event loop now. */
    public boolean allows(int payloadBytes) {
        return payloadBytes <= MAX_ON_EVENT_LOOP_BYTES && System.nanoTime() - offloadUntilNanos >= 0;
    }

    /** A request that started on the event loop at {@code startNanos} has just finished. */
    public void ran(long startNanos) {
        long tookNanos = System.nanoTime() - startNanos;
        if (tookNanos > maxOnEventLoopNanos) {
            offloadUntilNanos = startNanos + tookNanos + offloadNanos;
            offloadNanos = Math.min(2 * offloadNanos, MAX_OFFLOAD_NANOS);
        } else {
            offloadNanos = MIN_OFFLOAD_NANOS;
        }
    }
}
