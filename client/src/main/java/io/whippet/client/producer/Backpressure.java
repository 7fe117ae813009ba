package io.whippet.client.producer;

/** What {@code send} does when the producer's buffer is full. */
public sealed interface Backpressure {
    /** Wait until enough buffered messages have been sent. */
    static Backpressure block() {
        return new Block();
    }

    /** Wait at most {@code timeoutMs}, then fail with {@link BufferFullException}. */
    static Backpressure blockWithTimeout(long timeoutMs) {
        return new BlockWithTimeout(timeoutMs);
    }

    /** Fail at once with {@link BufferFullException}. */
    static Backpressure failImmediately() {
        return new FailImmediately();
    }

    record Block() implements Backpressure {}

    record BlockWithTimeout(long timeoutMs) implements Backpressure {
        public BlockWithTimeout {
            if (timeoutMs < 0) {
                throw new IllegalArgumentException("timeout: " + timeoutMs + " ms (expected: >= 0)");
            }
        }
    }

    record FailImmediately() implements Backpressure {}
}
