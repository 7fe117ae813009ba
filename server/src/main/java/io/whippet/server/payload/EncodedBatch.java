package io.whippet.server.payload;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A batch in stored form, ready to append. Its bytes may live in a pooled buffer: close it once the
 * append has returned (written or failed), and not before. Owned by the sending thread.
 */
public final class EncodedBatch implements AutoCloseable {
    private final ByteBuffer messages;
    private final @Nullable PayloadWorker worker;
    private final @Nullable WorkerPool pool;

    EncodedBatch(ByteBuffer messages, @Nullable PayloadWorker worker, @Nullable WorkerPool pool) {
        this.messages = messages;
        this.worker = worker;
        this.pool = pool;
    }

    /** Position to limit, little-endian; the caller may patch it in place (offsets, checksums). */
    public ByteBuffer messages() {
        return messages;
    }

    /** Whether any message was rewritten (the partition then serves polls through the decoder). */
    public boolean rewritten() {
        return worker != null;
    }

    @Override
    public void close() {
        if (worker != null && pool != null) {
            pool.give(worker);
        }
    }
}
