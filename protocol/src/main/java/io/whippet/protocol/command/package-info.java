/**
 * Request payloads of the Iggy 0.8.0 binary protocol: one record per command, each with its wire
 * layout in its class doc, a static {@code decode(ByteBuffer)} and {@code encodedSize()} /
 * {@code encode(ByteBuffer)}. Buffers are little-endian; decoders read from the buffer's position.
 * {@link io.whippet.protocol.command.Commands} dispatches by command code.
 *
 * <p>Records are immutable values, safe to share between threads. The exception is
 * {@link io.whippet.protocol.command.SendMessages}: its message area is a view of the buffer it was
 * decoded from, so it is valid only as long as the owner of that buffer keeps it unchanged.
 */
@NullMarked
package io.whippet.protocol.command;

import org.jspecify.annotations.NullMarked;
