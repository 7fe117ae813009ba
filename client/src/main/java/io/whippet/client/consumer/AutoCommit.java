package io.whippet.client.consumer;

/**
 * When a consumer stores its offsets on the server. Every mode but {@link OnPoll} stores only
 * offsets of messages whose handler has returned, so a crash re-delivers rather than loses
 * (at-least-once). Pending offsets are always stored on close.
 */
public sealed interface AutoCommit {
    /** Never on its own: call {@code Consumer.commit()}. A group member then only advances on commits. */
    static AutoCommit disabled() {
        return new Disabled();
    }

    /** Every {@code intervalMs}, the last handled offset of each partition. */
    static AutoCommit interval(long intervalMs) {
        return new Interval(intervalMs);
    }

    /** The server stores the offset as it hands out messages (at-most-once if the handler fails). */
    static AutoCommit onPoll() {
        return new OnPoll();
    }

    /** After the handler returned for every message of a poll (the default). */
    static AutoCommit afterPolledBatch() {
        return new AfterPolledBatch();
    }

    /** After each message's handler returned. */
    static AutoCommit afterEachMessage() {
        return new AfterEachMessage();
    }

    /** After every {@code n}th handled message. */
    static AutoCommit everyNthMessage(int n) {
        return new EveryNthMessage(n);
    }

    record Disabled() implements AutoCommit {}

    record Interval(long intervalMs) implements AutoCommit {
        public Interval {
            if (intervalMs <= 0) {
                throw new IllegalArgumentException("interval: " + intervalMs + " ms (expected: > 0)");
            }
        }
    }

    record OnPoll() implements AutoCommit {}

    record AfterPolledBatch() implements AutoCommit {}

    record AfterEachMessage() implements AutoCommit {}

    record EveryNthMessage(int n) implements AutoCommit {
        public EveryNthMessage {
            if (n < 1) {
                throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
            }
        }
    }
}
