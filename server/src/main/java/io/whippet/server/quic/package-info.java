/**
 * The Iggy binary protocol over QUIC (UDP, TLS 1.3): one bidirectional stream per request, each
 * carrying one request frame and one response frame in the TCP layout; login state belongs to the
 * QUIC connection. Two engines behind {@link io.whippet.server.quic.QuicEndpoint}: Netty's quiche
 * codec here, and ngtcp2 + GnuTLS in {@code io.whippet.server.quic.ngtcp2}.
 */
@NullMarked
package io.whippet.server.quic;

import org.jspecify.annotations.NullMarked;
