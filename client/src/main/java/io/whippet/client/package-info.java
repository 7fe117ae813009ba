/**
 * The Whippet Java SDK: {@link io.whippet.client.WhippetClient}, an asynchronous client with one
 * method per command of the Iggy 0.8.0 protocol, its blocking twin {@link
 * io.whippet.client.BlockingClient}, connection settings ({@link io.whippet.client.ClientConfig},
 * {@link io.whippet.client.ConnectionString}) and the exceptions every transport raises.
 * Transports live in subpackages ({@code tcp}); the high-level producer and consumer in {@code
 * producer} and {@code consumer}.
 */
@NullMarked
package io.whippet.client;

import org.jspecify.annotations.NullMarked;
