/**
 * The TCP transport on Netty. One {@link io.whippet.client.tcp.TcpConnection} per client owns one
 * channel; requests are pipelined in call order and matched to replies first-in first-out (the
 * server answers strictly in order). Frames are encoded straight into pooled buffers by {@link
 * io.whippet.client.tcp.RequestEncoder} and replies decoded on the I/O thread, so no reference
 * counted buffer escapes this package.
 */
@NullMarked
package io.whippet.client.tcp;

import org.jspecify.annotations.NullMarked;
