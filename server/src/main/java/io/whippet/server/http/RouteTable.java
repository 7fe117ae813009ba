package io.whippet.server.http;

import io.vertx.core.http.HttpMethod;

/** Where each resource's routes register themselves. */
interface RouteTable {
    /** Whether a route needs {@code Authorization: Bearer <access token>}. */
    enum Access {
        PUBLIC,
        TOKEN
    }

    /** {@code path} uses Vert.x syntax: {@code /streams/:stream_id}. */
    void add(HttpMethod method, String path, Access access, Route route);

    default void add(HttpMethod method, String path, Route route) {
        add(method, path, Access.TOKEN, route);
    }
}
