/**
 * The server's TLS identity and contexts: the key and certificate chain from PEM files or a
 * self-signed {@code localhost} certificate, and the TLS 1.2/1.3-only contexts the TCP and HTTP
 * transports wrap their connections in. Everything here runs once, at start-up.
 */
@NullMarked
package io.whippet.server.tls;

import org.jspecify.annotations.NullMarked;
