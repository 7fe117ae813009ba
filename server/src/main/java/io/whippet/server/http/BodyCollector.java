package io.whippet.server.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/**
 * Reads each request body into one array, then routes on: sized once from {@code Content-Length}
 * (a 1.4 MB message batch is copied once, where Vert.x's body handler preallocates at most 64 KB
 * and then grows and copies a dozen times, and hands out a further copy), grown only for chunked
 * bodies. A body over the limit fails the request with 413, before reading it when the length is
 * declared. The bytes are in the context under {@link #KEY} ({@link #body}).
 */
final class BodyCollector implements Handler<RoutingContext> {
    static final String KEY = "whippet.body";
    private static final byte[] EMPTY = new byte[0];
    private static final int CHUNKED_INITIAL_BYTES = 4096;

    private final long limitBytes;

    BodyCollector(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** The body the collector read; empty when there was none. */
    static byte[] body(RoutingContext context) {
        byte[] body = context.get(KEY);
        return body == null ? EMPTY : body;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        long declared = declaredLength(request);
        if (declared > limitBytes) {
            context.fail(413);
            return;
        }
        var body = new Body(declared >= 0 ? (int) declared : CHUNKED_INITIAL_BYTES);
        request.handler(chunk -> {
            if (body.failed) {
                return;
            }
            if ((long) body.length + chunk.length() > limitBytes) {
                body.failed = true;
                context.fail(413);
                return;
            }
            body.append(chunk);
        });
        request.endHandler(ignored -> {
            if (!body.failed) {
                context.put(KEY, body.bytes());
                context.next();
            }
        });
        request.exceptionHandler(error -> {
            if (!body.failed) {
                body.failed = true;
                context.fail(error);
            }
        });
        request.resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null || header.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // Netty's decoder refuses a bad length before this runs.
        }
    }

    /** The bytes read so far; touched only on the request's event loop. */
    private static final class Body {
        private byte[] bytes;
        private int length;
        private boolean failed;

        Body(int capacity) {
            bytes = capacity == 0 ? EMPTY : new byte[capacity];
        }

        void append(Buffer chunk) {
            int size = chunk.length();
            if (length + size > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + size, bytes.length * 2));
            }
            chunk.getBytes(0, size, bytes, length);
            length += size;
        }

        byte[] bytes() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }
}
