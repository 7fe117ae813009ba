package io.whippet.server.payload;

import java.nio.ByteBuffer;

/**
 * Polled messages in wire form after decoding, preceded by {@code prefixBytes} the caller asked
 * to keep free (for the poll reply header).
 *
 * @param buffer little-endian heap buffer, position 0 to limit: the free prefix, then the messages
 * @param count messages in the buffer, at least one
 * @param lastOffset offset of the last message in the buffer
 */
public record DecodedMessages(ByteBuffer buffer, int count, long lastOffset) {}
