/**
 * {@link io.whippet.client.WhippetClient} over Iggy's REST API: {@link
 * io.whippet.client.http.WhippetHttpClient} on the JDK's {@code java.net.http} client, JSON bodies,
 * a bearer token from {@code POST /users/login}.
 */
@NullMarked
package io.whippet.client.http;

import org.jspecify.annotations.NullMarked;
