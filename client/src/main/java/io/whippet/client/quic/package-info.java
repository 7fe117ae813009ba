/**
 * The QUIC transport of the SDK: {@link io.whippet.client.quic.QuicClient} sends each request on a
 * bidirectional stream of its own over one TLS 1.3 QUIC connection (Netty's quiche codec).
 */
@NullMarked
package io.whippet.client.quic;

import org.jspecify.annotations.NullMarked;
