package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.server.Server;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What the SDK does not cover: raw status codes, error bodies, limits, auth and extra routes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class HttpApiTest {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private String base;
    private String token;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(
                dataDir,
                Map.of(
                        "IGGY_TCP_ENABLED", "false",
                        "IGGY_HTTP_CORS_ENABLED", "true",
                        "IGGY_HTTP_CORS_ALLOWED_ORIGINS", "http://allowed.example",
                        "IGGY_HTTP_CORS_ALLOWED_METHODS", "GET,POST,DELETE",
                        "IGGY_HTTP_CORS_EXPOSED_HEADERS", "iggy-view",
                        "IGGY_HTTP_CORS_ALLOW_CREDENTIALS", "true"));
        base = "http://127.0.0.1:" + TestServer.http(server).getPort();
        token = login();
    }

    @AfterAll
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void pingIsPublicAndAnswersPong() throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(base + "/ping")).GET(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
    }

    @Test
    void missingOrEmptyOrForgedTokenIs401WithTheUnauthenticatedErrorBody() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/streams")).GET(), null)
                        .statusCode())
                .isEqualTo(401);
        var empty = send(HttpRequest.newBuilder(URI.create(base + "/streams")).header("Authorization", ""), null);
        assertThat(empty.statusCode()).isEqualTo(401);
        JsonNode body = Json.MAPPER.readTree(empty.body());
        assertThat(body.get("id").intValue()).isEqualTo(40);
        assertThat(body.get("code").stringValue()).isEqualTo("unauthenticated");
        assertThat(get("/streams", "not.a.jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void createStreamAnswers200WithDetailsAndHumanSizes() throws Exception {
        var response = post("/streams", "{\"name\":\"raw-stream\"}", token);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("name").stringValue()).isEqualTo("raw-stream");
        assertThat(body.get("size").stringValue()).isEqualTo("0 B");
        assertThat(body.get("topics").isArray()).isTrue();
        assertThat(body.has("messages_count")).isTrue();
    }

    @Test
    void unknownStreamIdIs404WithTheErrorBody() throws Exception {
        var response = put("/streams/424242", "{\"name\":\"x\"}", token);
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("id").intValue()).isEqualTo(1009);
        assertThat(body.get("code").stringValue()).isEqualTo("stream_id_not_found");
        assertThat(body.get("field").stringValue()).isEqualTo("stream_id");
        assertThat(body.has("reason")).isTrue();
    }

    @Test
    void getOfAMissingStreamIsTheGeneric404() throws Exception {
        var response = get("/streams/434343", token);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(response.body()).get("code").stringValue())
                .isEqualTo("not_found");
    }

    @Test
    void duplicateStreamNameIs400WithItsNumberAsTheCodeTheJavaSdkCannotReadByName() throws Exception {
        post("/streams", "{\"name\":\"twice\"}", token);
        var response = post("/streams", "{\"name\":\"twice\"}", token);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("id").intValue()).isEqualTo(1012);
        assertThat(body.get("code").stringValue()).isEqualTo("1012");
        assertThat(body.get("field").stringValue()).isEqualTo("name");
    }

    @Test
    void malformedJsonWrongTypesAndUnknownEnumsAre400() throws Exception {
        assertThat(post("/streams", "{\"name\":", token).statusCode()).isEqualTo(400);
        assertThat(post("/streams", "{\"name\":12}", token).statusCode()).isEqualTo(400);
        post("/streams", "{\"name\":\"enum-stream\"}", token);
        var badEnum = post(
                "/streams/enum-stream/topics",
                "{\"name\":\"t\",\"partitions_count\":1,\"compression_algorithm\":\"zip\"}",
                token);
        assertThat(badEnum.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(badEnum.body()).get("code").stringValue())
                .isEqualTo("invalid_format");
        assertThat(get("/streams/enum-stream/topics", token).body()).isEqualTo("[]");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(2_100_000) + "\"}";
        assertThat(post("/streams", huge, token).statusCode()).isEqualTo(413);
    }

    @Test
    void logoutRevokesTheToken() throws Exception {
        String own = login();
        assertThat(get("/streams", own).statusCode()).isEqualTo(200);

        var logout = send(
                bearer(HttpRequest.newBuilder(URI.create(base + "/users/logout")), own)
                        .DELETE(),
                null);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(get("/streams", own).statusCode()).isEqualTo(401);
    }

    @Test
    void refreshIssuesANewTokenOnlyOnce() throws Exception {
        String own = login();
        var refreshed = post("/users/refresh-token", "{\"token\":\"" + own + "\"}", null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String fresh = Json.MAPPER
                .readTree(refreshed.body())
                .get("access_token")
                .get("token")
                .stringValue();

        assertThat(get("/streams", fresh).statusCode()).isEqualTo(200);
        assertThat(get("/streams", own).statusCode()).isEqualTo(401);
        var again = post("/users/refresh-token", "{\"token\":\"" + own + "\"}", null);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(again.body()).get("code").stringValue()).isEqualTo("78");
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        var past = AccessTokens.hs256(
                TestServer.JWT_SECRET,
                "whippet",
                "whippet",
                60,
                InstantSource.fixed(Instant.now().minusSeconds(3600)));
        String expired = past.issue(0).token();
        var current = AccessTokens.hs256(TestServer.JWT_SECRET, "whippet", "whippet", 60, InstantSource.system());
        String valid = current.issue(0).token();

        assertThat(get("/streams", expired).statusCode()).isEqualTo(401);
        assertThat(get("/streams", valid).statusCode()).isEqualTo(200);
    }

    @Test
    void personalAccessTokenLogsIn() throws Exception {
        var created = post("/personal-access-tokens", "{\"name\":\"pat1\",\"expiry\":0}", token);
        assertThat(created.statusCode()).isEqualTo(200);
        String raw = Json.MAPPER.readTree(created.body()).get("token").stringValue();

        var login = post("/personal-access-tokens/login", "{\"token\":\"" + raw + "\"}", null);
        assertThat(login.statusCode()).isEqualTo(200);
        String jwt = Json.MAPPER
                .readTree(login.body())
                .get("access_token")
                .get("token")
                .stringValue();
        assertThat(get("/personal-access-tokens", jwt).body()).contains("\"name\":\"pat1\"", "\"expiry_at\":null");
    }

    @Test
    void purgeDeleteSegmentsAndFlushAnswerTheirStatuses() throws Exception {
        post("/streams", "{\"name\":\"purged\"}", token);
        post("/streams/purged/topics", "{\"name\":\"t\",\"partitions_count\":1}", token);
        var sent = post(
                "/streams/purged/topics/t/messages",
                "{\"partitioning\":{\"kind\":\"partition_id\",\"value\":\"AAAAAA==\",\"size\":6},"
                        + "\"messages\":[{\"id\":0,\"payload\":\"aGVsbG8=\",\"size\":9},{\"payload\":\"d29ybGQ=\"}]}",
                token);
        assertThat(sent.statusCode()).isEqualTo(201);
        var polled = get("/streams/purged/topics/t/messages?kind=first&count=10", token);
        JsonNode body = Json.MAPPER.readTree(polled.body());
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.get("messages").get(1).get("payload").stringValue()).isEqualTo("d29ybGQ=");
        assertThat(body.get("messages").get(0).get("user_headers").isArray()).isTrue();

        assertThat(get("/streams/purged/topics/t/messages/flush/0/true", token).statusCode())
                .isEqualTo(200);
        assertThat(delete("/streams/purged/topics/t/partitions/0?segments_count=1", token)
                        .statusCode())
                .isEqualTo(204);
        assertThat(delete("/streams/purged/topics/t/purge", token).statusCode()).isEqualTo(204);
        var after = get("/streams/purged/topics/t/messages?kind=first&count=10", token);
        assertThat(Json.MAPPER.readTree(after.body()).get("messages")).isEmpty();
        assertThat(delete("/streams/purged/purge", token).statusCode()).isEqualTo(204);
    }

    @Test
    void snapshotIsAZipDownload() throws Exception {
        var response = http.send(
                bearer(HttpRequest.newBuilder(URI.create(base + "/snapshot")), token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"compression\":\"Deflated\",\"snapshot_types\":[\"Test\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("attachment; filename=\"iggy_snapshot_"));
        assertThat(response.body()).startsWith(new byte[] {'P', 'K'});
        assertThat(post("/snapshot", "{\"compression\":\"Deflated\",\"snapshot_types\":[\"All\",\"Test\"]}", token)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigin() throws Exception {
        var allowed = send(
                HttpRequest.newBuilder(URI.create(base + "/ping")).header("Origin", "http://allowed.example"), null);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://allowed.example");
        var other =
                send(HttpRequest.newBuilder(URI.create(base + "/ping")).header("Origin", "http://evil.example"), null);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void corsPreflightAnswersWithTheConfiguredMethodsHeadersAndCredentials() throws Exception {
        var preflight = send(
                HttpRequest.newBuilder(URI.create(base + "/streams"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://allowed.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization"),
                null);
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElseThrow())
                .contains("POST", "DELETE")
                .doesNotContain("PUT");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElseThrow())
                .containsIgnoringCase("authorization");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .contains("true");

        var actual = send(
                HttpRequest.newBuilder(URI.create(base + "/ping")).header("Origin", "http://allowed.example"), null);
        assertThat(actual.headers().firstValue("Access-Control-Expose-Headers")).contains("iggy-view");
    }

    @Test
    void metricsCountRequestsAndMessages() throws Exception {
        post("/streams", "{\"name\":\"metered\"}", token);
        post("/streams/metered/topics", "{\"name\":\"t\",\"partitions_count\":1}", token);
        post(
                "/streams/metered/topics/t/messages",
                "{\"partitioning\":{\"kind\":\"balanced\",\"value\":\"\"},\"messages\":[{\"payload\":\"AQID\"}]}",
                token);

        var metrics = send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET(), null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("whippet_http_requests_seconds_count")
                .contains("whippet_messages_in_total{stream=\"metered\",topic=\"t\"} 1.0")
                .contains("whippet_connected_clients");
    }

    private String login() throws Exception {
        var response = post("/users/login", "{\"username\":\"iggy\",\"password\":\"iggy\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode identity = Json.MAPPER.readTree(response.body());
        assertThat(identity.get("user_id").intValue()).isZero();
        assertThat(identity.get("access_token").get("expiry").longValue())
                .isGreaterThan(Instant.now().getEpochSecond());
        return identity.get("access_token").get("token").stringValue();
    }

    private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        return send(
                bearer(HttpRequest.newBuilder(URI.create(base + path)), bearer).GET(), null);
    }

    private HttpResponse<String> delete(String path, String bearer) throws IOException, InterruptedException {
        return send(
                bearer(HttpRequest.newBuilder(URI.create(base + path)), bearer).DELETE(), null);
    }

    private HttpResponse<String> post(String path, String json, @org.jspecify.annotations.Nullable String bearer)
            throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        if (bearer != null) {
            bearer(builder, bearer);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(json)), "application/json");
    }

    private HttpResponse<String> put(String path, String json, String bearer) throws IOException, InterruptedException {
        return send(
                bearer(HttpRequest.newBuilder(URI.create(base + path)), bearer)
                        .PUT(HttpRequest.BodyPublishers.ofString(json)),
                "application/json");
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder builder, String token) {
        return builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(
            HttpRequest.Builder builder, @org.jspecify.annotations.Nullable String contentType)
            throws IOException, InterruptedException {
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return http.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
