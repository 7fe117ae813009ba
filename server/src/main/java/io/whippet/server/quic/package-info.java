/**
 * The Iggy binary protocol over QUIC (UDP, TLS 1.3): one bidirectional stream per request, each
 * carrying one request frame and one response frame in the TCP layout; login state belongs to the
 * QUIC connection. Built on Netty's quiche codec.
 */
@NullMarked
package io.whippet.server.quic;

import org.jspecify.annotations.NullMarked;
