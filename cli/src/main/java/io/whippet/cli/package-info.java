/**
 * The {@code whippet} command line: picocli commands over the client SDK ({@link
 * io.whippet.client.BlockingClient}), one class per command group (streams, topics, messages,
 * users, ...). {@link io.whippet.cli.WhippetCli} is the entry point; everything a command touches
 * outside the JVM (stdin, stdout, stderr, environment, the password prompt) comes through {@link
 * io.whippet.cli.Terminal}, so tests can run the whole tool in-process.
 *
 * <p>Exit codes: 0 ok, 1 the server (or the connection) failed the request, 2 bad usage. Every
 * failure prints one line on stderr, never a stack trace (unless {@code --debug}).
 */
@NullMarked
package io.whippet.cli;

import org.jspecify.annotations.NullMarked;
