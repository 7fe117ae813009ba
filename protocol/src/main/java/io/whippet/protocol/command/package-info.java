/**
 * Request payloads of the Iggy 0.8.0 binary protocol: one record per command, each with its wire
 * layout in its class doc, a static {@code decode(ByteBuffer)} and {@code encodedSize()} /
 * {@code encode(ByteBuffer)}. Buffers are little-endian; decoders read from the buffer's position.
 * {@link io.whippet.protocol.command.Commands} dispatches by command code.
 */
@NullMarked
package io.whippet.protocol.command;

import org.jspecify.annotations.NullMarked;
