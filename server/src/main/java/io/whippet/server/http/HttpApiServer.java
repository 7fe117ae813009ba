package io.whippet.server.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.server.command.ServerCommandProcessor;
import io.whippet.server.command.Session;
import io.whippet.server.config.ServerConfig;
import io.whippet.server.tls.KeyMaterial;
import io.whippet.server.tls.Pem;
import io.whippet.server.tls.TlsContexts;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP endpoint: a Vert.x HTTP server (on the server's Netty 4.2) whose router maps every
 * route of the spec to a command. Owns its Vert.x instance. Event loops check the token, the body
 * limit (413) and CORS, then hand each request to the request executor's virtual threads, where
 * the route runs the command; the result goes back to the event loop to be written.
 *
 * <p>Why Vert.x Web: it runs on the Netty already on the classpath, its router, body limit and
 * CORS handler cover what the API needs, and it serves large bodies without a thread per
 * connection; blocking command code still runs on virtual threads.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpApiServer.class.getName());
    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;

    private HttpApiServer(Vertx vertx, HttpServer server, String host) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
    }

    /**
     * Binds {@code config.address()} (port 0 picks a free port) and serves until {@link #close};
     * HTTPS with {@code tls} (TLS 1.2 and 1.3 only), plain HTTP when it is null.
     */
    public static HttpApiServer start(
            ServerConfig.HttpConfig config,
            ServerCommandProcessor processor,
            ExecutorService executor,
            InstantSource clock,
            @Nullable KeyMaterial tls) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        try {
            var tokens = new AccessTokens(config.jwt(), clock);
            var metrics = new HttpMetrics(processor::connectedClients);
            Router router = Router.router(vertx);
            if (config.cors().enabled()) {
                router.route().handler(cors(config.cors()));
            }
            router.route().handler(new BodyCollector(config.maxRequestSizeBytes()));
            if (config.webUi()) {
                new WebUi().register(router);
            }
            if (config.metricsEnabled()) {
                router.get(config.metricsEndpoint())
                        .handler(context -> context.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                                .end(metrics.scrape()));
            }
            var dispatcher = new Dispatcher(processor, executor, tokens, metrics, clock);
            RouteTable table = (method, path, access, route) ->
                    router.route(method, path).handler(context -> dispatcher.dispatch(context, path, access, route));
            new SystemRoutes().register(table);
            new UserRoutes(tokens).register(table);
            new StreamRoutes().register(table);
            new GroupRoutes().register(table);
            new MessageRoutes(metrics).register(table);
            var options = new HttpServerOptions().setCompressionSupported(false).setMaxFormAttributeSize(-1);
            if (tls != null) {
                options.setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions()
                                .setKeyValue(Buffer.buffer(Pem.privateKey(tls.privateKey())))
                                .setCertValue(Buffer.buffer(Pem.certificates(tls.chain()))))
                        .setEnabledSecureTransportProtocols(new LinkedHashSet<>(TlsContexts.PROTOCOLS));
            }
            HttpServer server = await(vertx.createHttpServer(options)
                    .requestHandler(router)
                    .listen(config.address().port(), config.address().host()));
            LOG.log(
                    System.Logger.Level.INFO,
                    "HTTP API listening on {0}:{1}{2}",
                    config.address().host(),
                    Integer.toString(server.actualPort()),
                    tls == null ? "" : " (HTTPS)");
            return new HttpApiServer(vertx, server, config.address().host());
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Iggy's {@code [http.cors]}: an origin "*" (or none) allows any origin. */
    private static CorsHandler cors(ServerConfig.CorsConfig config) {
        CorsHandler cors = CorsHandler.create();
        List<String> origins = config.allowedOrigins().stream()
                .filter(origin -> !origin.equals("*"))
                .toList();
        if (origins.size() == config.allowedOrigins().size() && !origins.isEmpty()) {
            cors.addOrigins(origins);
        }
        return cors.allowedMethods(config.allowedMethods().stream()
                        .map(HttpMethod::valueOf)
                        .collect(Collectors.toSet()))
                .allowedHeaders(Set.copyOf(config.allowedHeaders()))
                .exposedHeaders(Set.copyOf(config.exposedHeaders()))
                .allowCredentials(config.allowCredentials())
                .allowPrivateNetwork(config.allowPrivateNetwork());
    }

    /** The bound address (the real port when configured with port 0). */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(host, server.actualPort());
    }

    @Override
    public void close() {
        try {
            await(vertx.close());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the HTTP server failed", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("HTTP server: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("HTTP server: no answer within " + START_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Checks the token on the event loop, runs the route on a virtual thread, writes on the event loop. */
    private record Dispatcher(
            ServerCommandProcessor processor,
            ExecutorService executor,
            AccessTokens tokens,
            HttpMetrics metrics,
            InstantSource clock) {
        void dispatch(RoutingContext context, String path, RouteTable.Access access, Route route) {
            long startNanos = System.nanoTime();
            AccessTokens.Claims claims = null;
            if (access == RouteTable.Access.TOKEN) {
                Optional<AccessTokens.Claims> verified = bearer(context).flatMap(tokens::verify);
                if (verified.isEmpty()) {
                    // Upstream sends an empty 401, which the Java 0.8.0 SDK cannot parse (it reads
                    // every error body as JSON); the error body of code 40 serves every client.
                    write(
                            context,
                            path,
                            HttpResult.error(ErrorCode.UNAUTHENTICATED, "missing, invalid or expired access token"),
                            startNanos);
                    return;
                }
                claims = verified.get();
            }
            Map<String, String> query = new HashMap<>();
            context.queryParams().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
            var remote = context.request().remoteAddress();
            var session = new Session(
                    Session.Transport.HTTP,
                    remote == null ? "unknown" : remote.host() + ":" + remote.port(),
                    clock.millis() * 1000);
            var call =
                    new HttpCall(context.pathParams(), query, BodyCollector.body(context), session, processor, claims);
            Context eventLoop = context.vertx().getOrCreateContext();
            try {
                executor.execute(() -> {
                    // Answer even when the route dies of an Error, so no client waits forever.
                    HttpResult[] result = {HttpResult.error(ErrorCode.ERROR, ErrorCode.ERROR.reason())};
                    try {
                        result[0] = run(route, call);
                    } finally {
                        eventLoop.runOnContext(ignored -> write(context, path, result[0], startNanos));
                    }
                });
            } catch (RejectedExecutionException e) {
                write(context, path, new HttpResult.Text(503, "shutting down"), startNanos);
            }
        }

        private static HttpResult run(Route route, HttpCall call) {
            try {
                return route.handle(call);
            } catch (WhippetException e) {
                return HttpResult.error(e.errorCode(), String.valueOf(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "HTTP route failed", e);
                return HttpResult.error(ErrorCode.ERROR, ErrorCode.ERROR.reason());
            }
        }

        private static Optional<String> bearer(RoutingContext context) {
            String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.startsWith("Bearer ")) {
                return Optional.empty();
            }
            String token = header.substring("Bearer ".length()).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }

        private void write(RoutingContext context, String path, HttpResult result, long startNanos) {
            HttpServerResponse response = context.response().setStatusCode(result.status());
            switch (result) {
                case HttpResult.Json json ->
                    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(BufferInternal.buffer(Unpooled.wrappedBuffer(json.body())));
                case HttpResult.JsonBuffer json ->
                    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(BufferInternal.buffer(json.body()));
                case HttpResult.Empty empty -> response.end();
                case HttpResult.Text text ->
                    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                            .end(text.body());
                case HttpResult.Download download ->
                    response.putHeader(HttpHeaders.CONTENT_TYPE, download.contentType())
                            .putHeader("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"")
                            .end(BufferInternal.buffer(Unpooled.wrappedBuffer(download.body())));
            }
            metrics.request(context.request().method().name(), path, result.status(), System.nanoTime() - startNanos);
        }
    }
}
