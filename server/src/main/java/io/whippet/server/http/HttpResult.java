package io.whippet.server.http;

import io.netty.buffer.ByteBuf;
import io.whippet.protocol.ErrorCode;

/** What a route produced, before the event loop writes it. */
sealed interface HttpResult {
    int status();

    /** JSON body ({@code application/json}). */
    record Json(int status, byte[] body) implements HttpResult {}

    /** A JSON body already in a buffer (a poll's megabyte reply), written without copying it. */
    record JsonBuffer(int status, ByteBuf body) implements HttpResult {}

    /** No body (201, 204). */
    record Empty(int status) implements HttpResult {}

    /** A {@code text/plain} body. */
    record Text(int status, String body) implements HttpResult {}

    /** A file download ({@code Content-Disposition: attachment}). */
    record Download(String contentType, String fileName, byte[] body) implements HttpResult {
        @Override
        public int status() {
            return 200;
        }
    }

    static HttpResult json(byte[] body) {
        return new Json(200, body);
    }

    static HttpResult noContent() {
        return new Empty(204);
    }

    static HttpResult created() {
        return new Empty(201);
    }

    /** The error body of {@code code}, with the status {@link ErrorStatus} gives it. */
    static HttpResult error(ErrorCode code, String reason) {
        return new Json(
                ErrorStatus.of(code),
                ErrorStatus.body(code.code(), ErrorStatus.code(code), reason, ErrorStatus.field(code)));
    }

    /** The generic 404 of a lookup that found nothing. */
    static HttpResult notFound() {
        return new Json(404, ErrorStatus.body(404, "not_found", "Resource not found", null));
    }
}
