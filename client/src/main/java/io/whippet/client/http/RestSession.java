package io.whippet.client.http;

import io.whippet.client.ConnectionException;
import io.whippet.client.Credentials;
import io.whippet.client.ServerErrorException;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.response.Identity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of one {@link WhippetHttpClient}: the JDK client (HTTP/1.1, kept-alive pooled
 * connections), the base URL, the bearer token and the credentials that renew it. Every request
 * goes through {@link #call}: it logs in first when the token is missing or about to expire, and on
 * a 401 logs in once more and resends, so a client outlives its token (upstream's default lifetime
 * is an hour). Non-2xx replies become {@link ServerErrorException} with the error body's numeric
 * {@code id}; I/O failures become {@link ConnectionException}.
 *
 * <p>Thread-safe: the token and credentials are volatile and replaced whole; concurrent callers
 * that find the token expired share one login.
 */
final class RestSession implements AutoCloseable {
    /** A token this close to its expiry is renewed before use rather than sent to be refused. */
    private static final long RENEW_BEFORE_EXPIRY_SECONDS = 30;

    /** Whether a route needs the bearer token (http-api.md 2: login and ping are public). */
    enum Access {
        PUBLIC,
        TOKEN
    }

    /** One reply: status and raw body. */
    record Reply(int status, byte[] body) {
        JsonNode json() {
            return HttpJson.read(body);
        }
    }

    private record Token(String value, long expiryEpochSeconds) {}

    private final HttpClient http;
    private final URI base;
    private final Duration requestTimeout;
    private final InstantSource clock;
    private final List<Runnable> reloginListeners = new CopyOnWriteArrayList<>();
    private volatile Credentials credentials;
    private volatile @Nullable Token token;
    private volatile @Nullable CompletableFuture<Identity> loginInFlight;

    RestSession(HttpClient http, URI base, Credentials credentials, Duration requestTimeout, InstantSource clock) {
        this.http = http;
        this.base = base;
        this.credentials = credentials;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    Credentials credentials() {
        return credentials;
    }

    /** The current bearer token, for tests in this package; empty before the first login. */
    String bearerToken() {
        Token current = token;
        return current == null ? "" : current.value();
    }

    void onRelogin(Runnable listener) {
        reloginListeners.add(listener);
    }

    /**
     * Sends one request. {@code operation} names it in errors ({@code "POST /streams"}); a 404 is
     * returned, not thrown, when {@code notFoundIsEmpty} (lookups answer "nothing" that way).
     */
    CompletableFuture<Reply> call(
            String method, String path, byte @Nullable [] body, Access access, boolean notFoundIsEmpty) {
        String operation = method + " " + path;
        if (access == Access.PUBLIC) {
            return send(method, path, body, null).thenApply(reply -> checked(reply, operation, notFoundIsEmpty));
        }
        return validToken(false)
                .thenCompose(first -> send(method, path, body, first).thenCompose(reply -> {
                    if (reply.status() != 401 || credentials instanceof Credentials.None) {
                        return CompletableFuture.completedFuture(reply);
                    }
                    // Expired early, revoked or the server restarted with another secret: one fresh login.
                    return validToken(true).thenCompose(second -> send(method, path, body, second));
                }))
                .thenApply(reply -> checked(reply, operation, notFoundIsEmpty));
    }

    /** Logs in with {@code newCredentials} and keeps them for renewals. */
    CompletableFuture<Identity> login(Credentials newCredentials) {
        credentials = newCredentials;
        token = null;
        return validIdentity(false);
    }

    /** Forgets the token and the credentials (after the server revoked the token). */
    void forget() {
        credentials = new Credentials.None();
        token = null;
    }

    private CompletableFuture<@Nullable String> validToken(boolean force) {
        Token current = token;
        if (!force && current != null && !expiring(current)) {
            return CompletableFuture.completedFuture(current.value());
        }
        if (credentials instanceof Credentials.None) {
            // Not logged in: send without a token and let the server answer 40.
            return CompletableFuture.completedFuture(current == null ? null : current.value());
        }
        // The first login (no token yet) is no renewal; only later ones are announced.
        return validIdentity(current != null).thenApply(identity -> {
            Token renewed = token;
            return renewed == null ? null : renewed.value();
        });
    }

    /** One login at a time; {@code renewal} (an automatic one) is announced to the listeners. */
    private synchronized CompletableFuture<Identity> validIdentity(boolean renewal) {
        CompletableFuture<Identity> running = loginInFlight;
        if (running != null && !running.isDone()) {
            return running;
        }
        CompletableFuture<Identity> started = loginRequest(credentials).whenComplete((identity, error) -> {
            if (error == null && renewal) {
                reloginListeners.forEach(Runnable::run);
            }
        });
        loginInFlight = started;
        return started;
    }

    private CompletableFuture<Identity> loginRequest(Credentials using) {
        return switch (using) {
            case Credentials.None none ->
                CompletableFuture.failedFuture(
                        new ServerErrorException(ErrorCode.UNAUTHENTICATED.code(), "login: no credentials"));
            case Credentials.UsernamePassword password ->
                identity(
                        "/users/login",
                        HttpJson.object("username", password.username(), "password", password.password()));
            case Credentials.PersonalAccessToken pat ->
                identity("/personal-access-tokens/login", HttpJson.object("token", pat.token()));
        };
    }

    private CompletableFuture<Identity> identity(String path, byte[] body) {
        return send("POST", path, body, null).thenApply(reply -> {
            JsonNode json = checked(reply, "POST " + path, false).json();
            JsonNode accessToken = JsonReplies.field(json, "access_token");
            token = new Token(JsonReplies.string(accessToken, "token"), JsonReplies.u64(accessToken, "expiry"));
            return new Identity(JsonReplies.u32(json, "user_id"));
        });
    }

    private boolean expiring(Token current) {
        return current.expiryEpochSeconds() > 0
                && clock.instant().getEpochSecond() >= current.expiryEpochSeconds() - RENEW_BEFORE_EXPIRY_SECONDS;
    }

    private CompletableFuture<Reply> send(String method, String path, byte @Nullable [] body, @Nullable String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (!requestTimeout.isZero()) {
            request.timeout(requestTimeout);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        throw new ConnectionException(method + " " + base.resolve(path) + " failed: " + cause, cause);
                    }
                    return new Reply(response.statusCode(), response.body());
                });
    }

    /** The reply when 2xx (or a 404 a lookup turns into "nothing"); otherwise the server's error. */
    private static Reply checked(Reply reply, String operation, boolean notFoundIsEmpty) {
        int status = reply.status();
        if ((status >= 200 && status < 300) || (status == 404 && notFoundIsEmpty)) {
            return reply;
        }
        throw error(reply, operation);
    }

    /**
     * The error body's {@code id} is the status the TCP protocol would answer; an empty or non-JSON
     * body (upstream's bare 401, framework rejections) falls back on the HTTP status.
     */
    static ServerErrorException error(Reply reply, String operation) {
        String text = new String(reply.body(), StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try {
                JsonNode json = HttpJson.MAPPER.readTree(reply.body());
                JsonNode id = json.get("id");
                JsonNode reason = json.get("reason");
                if (id != null && id.canConvertToInt()) {
                    int code = id.intValue() == 404 ? ErrorCode.RESOURCE_NOT_FOUND.code() : id.intValue();
                    return new ServerErrorException(
                            code, operation + (reason == null ? "" : " (" + reason.asString() + ")"));
                }
            } catch (RuntimeException e) {
                // Not the error shape after all: use the status below.
            }
        }
        int code = switch (reply.status()) {
            case 401 -> ErrorCode.UNAUTHENTICATED.code();
            case 403 -> ErrorCode.UNAUTHORIZED.code();
            case 404 -> ErrorCode.RESOURCE_NOT_FOUND.code();
            case 413 -> ErrorCode.INVALID_COMMAND.code();
            default -> ErrorCode.ERROR.code();
        };
        return new ServerErrorException(
                code, operation + " (HTTP " + reply.status() + (text.isEmpty() ? "" : ": " + text) + ")");
    }

    @Override
    public void close() {
        http.shutdownNow();
        try {
            http.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
