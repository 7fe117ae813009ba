package io.whippet.client;

import io.whippet.protocol.response.PolledMessages;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A poll reply whose message area is lent by the transport instead of copied: {@link #messages()}
 * is a view of the pooled buffer the reply was read into, valid until {@link #close()} gives the
 * buffer back. Saves a copy and an allocation the size of the reply on every poll; the price is the
 * rule that neither the reply nor any buffer taken from it may be used after close (the memory goes
 * back to the pool and is reused by later replies). Close it exactly once you are done, e.g. with
 * try-with-resources; closing again does nothing. Any thread may close it.
 */
public final class BorrowedMessages implements AutoCloseable {
    private final PolledMessages messages;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BorrowedMessages(PolledMessages messages, Runnable release) {
        this.messages = messages;
        this.release = release;
    }

    /** A reply that borrows a transport buffer; {@code release} returns it, and runs once. */
    public static BorrowedMessages lent(PolledMessages messages, Runnable release) {
        return new BorrowedMessages(messages, release);
    }

    /** A reply that owns its memory (a copy): closing it frees nothing. */
    public static BorrowedMessages owned(PolledMessages messages) {
        return new BorrowedMessages(messages, () -> {});
    }

    /** The reply; its message area is valid only until {@link #close()}. */
    public PolledMessages messages() {
        if (closed.get()) {
            throw new IllegalStateException("poll reply used after close: its buffer went back to the pool");
        }
        return messages;
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
