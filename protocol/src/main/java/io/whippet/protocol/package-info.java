/**
 * The Iggy 0.8.0 wire format shared by every Whippet module: error and command codes, frame
 * layout ({@link io.whippet.protocol.Frames}), the message layout and its checksum, and the small
 * codecs commands are built from (identifiers, consumers, partitioning, polling strategies,
 * permissions, user headers, strings). Request records live in {@code command}, reply records in
 * {@code response}.
 *
 * <p>All integers are little-endian. Decoders read at a buffer's position, advance it, and report
 * every malformed input as a {@link io.whippet.protocol.WhippetException} carrying the code the
 * spec assigns: truncation, unknown discriminants and bad UTF-8 are 3 (InvalidCommand),
 * validation failures 4 (InvalidFormat). Everything here is stateless or immutable.
 */
@NullMarked
package io.whippet.protocol;

import org.jspecify.annotations.NullMarked;
