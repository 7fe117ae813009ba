/**
 * The QUIC engine on ngtcp2 + GnuTLS, bound with FFM: the native endpoint ({@code
 * src/main/c/whippet_quic.c}) does UDP, QUIC and TLS; Java assembles request frames, runs the
 * commands and hands the replies back. Unlike Netty's quiche codec it accepts clients that send no
 * ALPN, as Iggy's Rust SDK does.
 */
@NullMarked
package io.whippet.server.quic.ngtcp2;

import org.jspecify.annotations.NullMarked;
