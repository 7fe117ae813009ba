package io.whippet.client.tcp;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Turns an OK reply payload into a value. Runs on the I/O thread over a little-endian view of the
 * transport buffer, which is released right after: a decoder must copy what it keeps.
 */
@FunctionalInterface
public interface ReplyDecoder<T extends @Nullable Object> {
    T decode(ByteBuffer payload);
}
