package io.whippet.client.tcp;

import io.netty.buffer.ByteBuf;

/**
 * One reply as read off the wire. The receiver owns {@code payload} and must release it.
 *
 * @param status 0 = OK, otherwise the server's error code
 * @param payload the reply body (OK), or the optional reason text some servers send with an error
 */
record ResponseFrame(int status, ByteBuf payload) {}
