/**
 * Reply payloads of the Iggy 0.8.0 binary protocol: one record per layout, each with a static
 * {@code decode(ByteBuffer)} (for clients and tests) and {@code encodedSize()} /
 * {@code encode(ByteBuffer)} (for the server). "X*" replies are records back to back until the
 * payload ends ({@code decodeList}, {@link io.whippet.protocol.response.Responses#encodeList}).
 *
 * <p>Records are immutable values, safe to share between threads, except that
 * {@link io.whippet.protocol.response.PolledMessages} holds a view of a buffer its creator owns.
 */
@NullMarked
package io.whippet.protocol.response;

import org.jspecify.annotations.NullMarked;
