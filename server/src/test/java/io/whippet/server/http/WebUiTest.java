package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.server.Server;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The embedded web UI: its files, the client-side route fallback, safety, and the API calls its JS makes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class WebUiTest {
    /** {@code request('GET', `/streams/${id(streamId)}`...} in api.js. */
    private static final Pattern API_CALL = Pattern.compile("request\\(\\s*'(GET|POST|PUT|DELETE)',\\s*`([^`]*)`");

    /** Routes that answer without a token (spec section 2). */
    private static final Set<String> PUBLIC_PATHS =
            Set.of("/users/login", "/users/refresh-token", "/personal-access-tokens/login");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(?:id\\()?(\\w+)\\)?}");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private String base;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.start(dataDir, Map.of("IGGY_HTTP_WEB_UI", "true"));
        base = "http://127.0.0.1:" + TestServer.http(server).getPort();
    }

    @AfterAll
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void uiServesTheIndexWithAStrictContentSecurityPolicyAndNoInlineScript() throws Exception {
        for (String path : List.of("/ui", "/ui/")) {
            var response = get(path, null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("script-src 'self'")
                            .doesNotContain("unsafe-inline")
                            .doesNotContain("unsafe-eval"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.body()).contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)")
                            .matcher(response.body())
                            .find())
                    .as("inline script")
                    .isFalse();
            assertThat(response.body()).doesNotContain(" style=").doesNotContain(" onclick=");
        }
    }

    @Test
    void assetsHaveTheirContentTypesAndRevalidate() throws Exception {
        Map<String, String> types = Map.of(
                "/ui/app.js", "text/javascript; charset=utf-8",
                "/ui/api.js", "text/javascript; charset=utf-8",
                "/ui/pages/messages.js", "text/javascript; charset=utf-8",
                "/ui/app.css", "text/css; charset=utf-8",
                "/ui/favicon.svg", "image/svg+xml");
        for (var entry : types.entrySet()) {
            var response = get(entry.getKey(), null);
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(entry.getKey())
                    .hasValue(entry.getValue());
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            String etag = response.headers().firstValue("ETag").orElseThrow();
            var again = send(HttpRequest.newBuilder(URI.create(base + entry.getKey()))
                    .header("If-None-Match", etag)
                    .GET());
            assertThat(again.statusCode()).as(entry.getKey()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
    }

    @Test
    void headAnswersTheLengthWithoutABody() throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(base + "/ui/app.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(resourceBytes("webui/app.css").length);
    }

    @Test
    void clientSideRoutesFallBackToTheIndex() throws Exception {
        String index = get("/ui/", null).body();
        for (String path :
                List.of("/ui/streams", "/ui/streams/0/topics/1/partitions/2/messages", "/ui/sign-in", "/ui/users/")) {
            var response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(response.body()).isEqualTo(index);
        }
    }

    @Test
    void aMissingFileIs404NotTheIndex() throws Exception {
        for (String path : List.of("/ui/missing.js", "/ui/pages/missing.css", "/ui/app.exe", "/ui/index.htm")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void noPathLeavesTheUiDirectory() throws Exception {
        List<String> attempts = List.of(
                "/ui/../config/default.toml",
                "/ui/../../config/default.toml",
                "/ui/%2e%2e/config/default.toml",
                "/ui/%2E%2E/%2e%2e/config/default.toml",
                "/ui/..%2fconfig%2fdefault.toml",
                "/ui/..%2F..%2Fconfig%2Fdefault.toml",
                "/ui/%2e%2e%2f%2e%2e%2fconfig%2fdefault.toml",
                "/ui/..%5c..%5cconfig%5cdefault.toml",
                "/ui/....//config/default.toml",
                "/ui/%252e%252e/config/default.toml",
                "/ui//io/whippet/server/config/default.toml",
                "/ui/../WebUi.class",
                "/ui/%2e%2e/WebUi.class",
                "/ui/WebUi.class",
                "/ui/.hidden.js",
                "/ui/pages/../../http/WebUi.class");
        String config = resourceText("/io/whippet/server/config/default.toml");
        for (String path : attempts) {
            var response = get(path, null);
            assertThat(response.body()).as(path).doesNotContain("[http]").doesNotContain("max_request_size");
            assertThat(response.body()).as(path).isNotEqualTo(config);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
        }
    }

    @Test
    void disabledByDefaultAsInIggy(@TempDir Path otherDir) throws Exception {
        try (Server plain = TestServer.start(otherDir, Map.of())) {
            String plainBase = "http://127.0.0.1:" + TestServer.http(plain).getPort();
            for (String path : List.of("/ui", "/ui/", "/ui/app.js", "/ui/streams")) {
                var response = send(
                        HttpRequest.newBuilder(URI.create(plainBase + path)).GET());
                assertThat(response.statusCode()).as(path).isEqualTo(404);
            }
        }
    }

    /**
     * Every path api.js calls exists on the server: with a token, each GET answers 2xx for real
     * resources; without one, every route (also the mutating ones, left untouched) answers 401,
     * which only a registered method and path do (an unknown one is 404 or 405).
     */
    @Test
    void everyApiCallOfTheUiHasARoute() throws Exception {
        String token = login();
        JsonNode stream = json(post("/streams", "{\"name\":\"ui-stream\"}", token));
        String streamId = stream.get("id").asString();
        JsonNode topic = json(post(
                "/streams/" + streamId + "/topics",
                "{\"name\":\"ui-topic\",\"partitions_count\":1,\"compression_algorithm\":\"none\"}",
                token));
        String topicId = topic.get("id").asString();
        String topicPath = "/streams/" + streamId + "/topics/" + topicId;
        JsonNode group = json(post(topicPath + "/consumer-groups", "{\"name\":\"ui-group\"}", token));
        assertThat(put(
                                topicPath + "/consumer-offsets",
                                "{\"consumer_id\":\"7\",\"partition_id\":0,\"offset\":0}",
                                token)
                        .statusCode())
                .isEqualTo(204);
        assertThat(post("/personal-access-tokens", "{\"name\":\"ui-pat\",\"expiry\":0}", token)
                        .statusCode())
                .isEqualTo(200);
        try (var tcpClient = new Socket(
                TestServer.tcp(server).getAddress(), TestServer.tcp(server).getPort())) {
            assertThat(tcpClient.isConnected()).isTrue();
            String clientId = firstClientId(token);
            Map<String, String> values = Map.ofEntries(
                    Map.entry("streamId", streamId),
                    Map.entry("topicId", topicId),
                    Map.entry("groupId", group.get("id").asString()),
                    Map.entry("partitionId", "0"),
                    Map.entry("consumerId", "7"),
                    Map.entry("clientId", clientId),
                    Map.entry("userId", "0"),
                    Map.entry("name", "ui-pat"),
                    Map.entry("kind", "offset"),
                    Map.entry("value", "0"),
                    Map.entry("count", "10"));

            List<String[]> calls = apiCalls();
            assertThat(calls).hasSizeGreaterThan(35);
            for (String[] call : calls) {
                String method = call[0];
                String path = fill(call[1], values);
                String described = method + " " + call[1];
                var withoutToken = send(HttpRequest.newBuilder(URI.create(base + path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json"));
                if (PUBLIC_PATHS.contains(path)) {
                    assertThat(withoutToken.statusCode()).as(described).isNotIn(404, 405);
                } else {
                    assertThat(withoutToken.statusCode()).as(described).isEqualTo(401);
                }
                if (method.equals("GET")) {
                    var response = get(path, token);
                    assertThat(response.statusCode())
                            .as(described + " " + response.body())
                            .isBetween(200, 299);
                }
            }
        }
    }

    /** The server registers a TCP connection after accepting it, so the list may lag the connect. */
    private String firstClientId(String token) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            JsonNode clients = json(get("/clients", token));
            if (!clients.isEmpty()) {
                return clients.get(0).get("client_id").asString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the TCP connection never showed up in GET /clients");
    }

    /** [method, path template] of every request api.js makes; each request( call must match the pattern. */
    private static List<String[]> apiCalls() throws IOException {
        String source = resource("api.js");
        List<String[]> calls = new ArrayList<>();
        Matcher matcher = API_CALL.matcher(source);
        while (matcher.find()) {
            calls.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        long requestCalls = Pattern.compile("(?<!function )request\\(")
                .matcher(source)
                .results()
                .count();
        assertThat(calls)
                .as("every request( call names its method and a `path`")
                .hasSize((int) requestCalls);
        return calls;
    }

    private static String fill(String template, Map<String, String> values) {
        return PLACEHOLDER
                .matcher(template)
                .replaceAll(placeholder -> Matcher.quoteReplacement(Objects.requireNonNull(
                        values.get(placeholder.group(1)), () -> "no test value for " + placeholder.group())));
    }

    private static byte[] resourceBytes(String name) throws IOException {
        try (InputStream in = WebUi.class.getResourceAsStream(name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        }
    }

    private static String resource(String name) throws IOException {
        return new String(resourceBytes("webui/" + name), StandardCharsets.UTF_8);
    }

    private static String resourceText(String absoluteName) throws IOException {
        return new String(resourceBytes(absoluteName), StandardCharsets.UTF_8);
    }

    private String login() throws Exception {
        var response = post("/users/login", "{\"username\":\"iggy\",\"password\":\"iggy\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).get("access_token").get("token").asString();
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return Json.MAPPER.readTree(response.body());
    }

    private HttpResponse<String> get(String path, @Nullable String token) throws IOException, InterruptedException {
        return send(authorized(HttpRequest.newBuilder(URI.create(base + path)).GET(), token));
    }

    private HttpResponse<String> post(String path, String body, @Nullable String token)
            throws IOException, InterruptedException {
        return send(authorized(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                token));
    }

    private HttpResponse<String> put(String path, String body, String token) throws IOException, InterruptedException {
        return send(authorized(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)),
                token));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, @Nullable String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
