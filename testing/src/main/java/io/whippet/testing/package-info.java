/**
 * Test support shared across modules: {@link io.whippet.testing.EmbeddedServer} starts a real
 * Whippet server inside the test JVM, in its own temporary directory, on an ephemeral loopback
 * port. Depend on this module with test scope.
 */
@NullMarked
package io.whippet.testing;

import org.jspecify.annotations.NullMarked;
