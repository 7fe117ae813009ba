package io.whippet.server.http;

/** One route's work, run on a virtual thread; a thrown {@code WhippetException} becomes the error body. */
@FunctionalInterface
interface Route {
    HttpResult handle(HttpCall call);
}
