/**
 * The command layer: one handler per command, the only place that joins auth, metadata and
 * storage. Transports decode frames into commands, call {@link io.whippet.server.command.CommandProcessor}
 * on a virtual thread, and encode the {@link io.whippet.server.command.Reply} it returns.
 */
@NullMarked
package io.whippet.server.command;

import org.jspecify.annotations.NullMarked;
