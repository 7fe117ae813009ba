/**
 * The TCP transport: Netty event loops frame bytes and hand each request to a virtual thread;
 * nothing here blocks, decodes commands or touches storage.
 */
@NullMarked
package io.whippet.server.tcp;

import org.jspecify.annotations.NullMarked;
