package io.whippet.server.http;

import io.netty.buffer.PooledByteBufAllocator;

/**
 * The pool of the message routes' megabyte buffers: a send's laid-out batch (direct, so the
 * segment write needs no bounce copy) and a poll's read messages (heap, which the base64 encoder
 * reads as an array). 16 MiB chunks, as the TCP server's frames, so a megabyte buffer is a share of
 * a chunk that stays allocated rather than a fresh zero-filled one; no thread caches, since routes
 * run on short-lived virtual threads.
 */
final class HttpBuffers {
    static final PooledByteBufAllocator POOL = new PooledByteBufAllocator(true, 1, 1, 8192, 11, 0, 0, false);

    private HttpBuffers() {}
}
