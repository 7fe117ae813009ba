/**
 * The HTTP (REST) transport: Vert.x Web routes that turn requests into protocol commands, run
 * them through the same {@link io.whippet.server.command.ServerCommandProcessor} as TCP, and
 * render the binary replies as Iggy's JSON. Status mapping lives here and only here.
 *
 * <p>Threads: Vert.x event loops parse HTTP, enforce the body limit and CORS; every route runs on
 * a virtual thread of the server's request executor, where blocking code reads straight; the
 * response is handed back to the event loop to be written.
 */
@NullMarked
package io.whippet.server.http;

import org.jspecify.annotations.NullMarked;
