package io.whippet.server.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The embedded web UI: static files kept as classpath resources beside this class (directory
 * {@code webui/}), served at {@code /ui} without a token. The app itself signs in and calls the
 * HTTP API with its own token.
 *
 * <pre>
 *   /ui, /ui/                    index.html
 *   /ui/app.js, /ui/pages/x.js   the resource webui/app.js, webui/pages/x.js (404 when absent)
 *   /ui/streams/3/topics         index.html (a client-side route: no file extension)
 * </pre>
 *
 * <p>Why no Vert.x {@code StaticHandler}: it copies classpath files into a cache directory under
 * the working directory; these few small files are read once into memory instead. A request path
 * must be plain segments of {@code [A-Za-z0-9_-]} (a file name may add one extension) before it
 * names a resource, so no {@code ..}, encoded separator or absolute name reaches the class loader.
 *
 * <p>Every answer carries a Content-Security-Policy that allows scripts and styles from this
 * origin only: the app has no inline script or style, so an injected one would not run. Files are
 * revalidated on every load ({@code no-cache} plus an ETag), because their names carry no version.
 */
final class WebUi {
    static final String PREFIX = "/ui";

    private static final String RESOURCE_DIRECTORY = "webui/";
    private static final String INDEX = "index.html";
    private static final Pattern ROUTE = Pattern.compile("(/[A-Za-z0-9_-]+)*/?");
    private static final Pattern FILE = Pattern.compile("(/[A-Za-z0-9_-]+)*/[A-Za-z0-9_-]+\\.[a-z0-9]+");
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none';"
            + " base-uri 'none'";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    /** Files read so far; the set is small and fixed at build time, so it never grows unbounded. */
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    /** One file's bytes and the headers that describe them. */
    private record Asset(byte[] body, String contentType, String etag) {}

    void register(Router router) {
        router.route(PREFIX).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::serve);
        router.route(PREFIX + "/*")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(this::serve);
    }

    private void serve(RoutingContext context) {
        // Vert.x has already decoded unreserved characters and removed dot segments here.
        String path = context.normalizedPath().substring(PREFIX.length());
        Optional<Asset> asset;
        if (FILE.matcher(path).matches()) {
            asset = asset(path.substring(1));
        } else if (ROUTE.matcher(path).matches()) {
            asset = asset(INDEX);
        } else {
            asset = Optional.empty();
        }
        var response = context.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        if (asset.isEmpty()) {
            response.setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("not found");
            return;
        }
        Asset found = asset.get();
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").putHeader(HttpHeaders.ETAG, found.etag());
        String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (found.etag().equals(ifNoneMatch)) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, found.contentType());
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(found.body().length))
                    .end();
        } else {
            response.end(BufferInternal.buffer(Unpooled.wrappedBuffer(found.body())));
        }
    }

    private Optional<Asset> asset(String name) {
        Asset cached = assets.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String contentType = CONTENT_TYPES.get(extension);
        if (contentType == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = WebUi.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
            if (in == null) {
                return Optional.empty();
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("web UI resource " + name, e);
        }
        var asset = new Asset(bytes, contentType, etag(bytes));
        assets.put(name, asset);
        return Optional.of(asset);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
