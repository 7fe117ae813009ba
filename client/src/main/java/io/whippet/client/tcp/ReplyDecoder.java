package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Turns an OK reply payload into a value. Runs on the I/O thread. {@link #decode} sees a
 * little-endian view of the transport buffer, which is released right after: it must copy what it
 * keeps. A decoder that wants to keep the buffer itself (a poll reply lent to the caller) overrides
 * {@link #decodeOwned} and {@link #discard}.
 */
@FunctionalInterface
public interface ReplyDecoder<T extends @Nullable Object> {
    T decode(ByteBuffer payload);

    /** Takes ownership of {@code payload}: by default decodes a view of it and releases it. */
    default T decodeOwned(ByteBuf payload) {
        try {
            return decode(payload.nioBuffer().order(ByteOrder.LITTLE_ENDIAN));
        } finally {
            payload.release();
        }
    }

    /** Frees a decoded value nobody will receive (its request timed out or was cancelled). */
    default void discard(T value) {}

    /**
     * Decodes {@code payload} (taking ownership of it) and completes {@code future} with the value,
     * or with the decoder's exception; a value the future no longer accepts is discarded.
     */
    static <T extends @Nullable Object> void deliver(
            ReplyDecoder<T> decoder, ByteBuf payload, CompletableFuture<T> future) {
        T value;
        try {
            value = decoder.decodeOwned(payload);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return;
        }
        if (!future.complete(value)) {
            decoder.discard(value);
        }
    }
}
