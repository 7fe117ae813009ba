package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.http.HttpMethod;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.command.PayloadMutations;
import io.whippet.server.Server;
import io.whippet.server.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every route of the REST API, as the server registers them, called as root with mutated path
 * parameters, query parameters and bodies over a real HTTP connection, against a server holding a
 * stream, a topic with messages, a consumer group, a second user and a personal access token.
 *
 * <p>Each request must be answered within 10 s, never with a 5xx status and never with the
 * internal error (id 1), which means a route threw what it should have refused; an error body must
 * carry an Iggy error code (or be the generic not-found, id 404). Afterwards a new login must still create, send and poll. The TCP side
 * has {@code CommandFuzzTest}; this covers the JSON decoding, path and query parsing of the HTTP
 * API, which the binary decoders do not share.
 *
 * <p>Seeded: a failure names the seed, the route and the request. {@code -Dwhippet.fuzz.mutations=N}
 * runs longer (default 150 per route) and {@code -Dwhippet.fuzz.seed=S} replays another seed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFuzzTest {
    private static final int MUTATIONS = Integer.getInteger("whippet.fuzz.mutations", 150);
    private static final long SEED = Long.getLong("whippet.fuzz.seed", 0x477b_f022L);
    private static final Pattern PARAMETER = Pattern.compile(":([a-z_]+)");

    /** Routes that hash a password or build a zip: a fifth of the mutations keeps the test short. */
    private static final Set<String> SLOW = Set.of(
            "POST /users/login",
            "POST /users",
            "PUT /users/:user_id/password",
            "DELETE /users/logout",
            "POST /snapshot");

    /** Values for path and query parameters that are none of the valid ones. */
    private static final List<String> JUNK = List.of(
            "-1",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999999999",
            "1.5",
            "0x10",
            "abc def",
            "ü",
            "%",
            "null",
            " 1",
            "\u0000",
            "a".repeat(300));

    /**
     * Valid values per path or query parameter. Root (id 0, "iggy") is never a {@code user_id}: a
     * mutated password or permission change that still parsed would lock the test out.
     */
    private static final Map<String, List<String>> VALID = Map.ofEntries(
            Map.entry("stream_id", List.of("0", "fuzz")),
            Map.entry("topic_id", List.of("0", "orders")),
            Map.entry("group_id", List.of("0", "g1")),
            Map.entry("partition_id", List.of("0", "1", "2")),
            Map.entry("consumer_id", List.of("0", "7", "reader")),
            Map.entry("user_id", List.of("user1", "1")),
            Map.entry("client_id", List.of("0", "1", "2")),
            Map.entry("name", List.of("pat1", "pat2")),
            Map.entry("fsync", List.of("true", "false")),
            Map.entry("kind", List.of("offset", "timestamp", "first", "last", "next")),
            Map.entry("value", List.of("0", "5", "1700000000000000")),
            Map.entry("count", List.of("0", "1", "10", "1000")),
            Map.entry("auto_commit", List.of("true", "false")),
            Map.entry("partitions_count", List.of("0", "1", "2")),
            Map.entry("segments_count", List.of("0", "1", "3")));

    /** Query parameters any route may be given (the ones no route reads are ignored). */
    private static final List<String> QUERY_KEYS = List.of(
            "consumer_id",
            "partition_id",
            "kind",
            "value",
            "count",
            "auto_commit",
            "partitions_count",
            "segments_count");

    /** JSON values a mutation puts where a field or element was. */
    private static final List<String> JSON_VALUES = List.of(
            "null",
            "true",
            "0",
            "-1",
            "1",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "1e400",
            "-1.5",
            "\"\"",
            "\"0\"",
            "\"" + "x".repeat(1000) + "\"",
            "\"AQAAAA==\"",
            "\"not base64!\"",
            "\"active\"",
            "[]",
            "{}",
            "[1,2,3]",
            "{\"kind\":\"string\",\"value\":\"a2V5\"}");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;
    private String base;
    private String token;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        // Small segments so segment deletion has sealed ones to act on.
        server = TestServer.start(dir, Map.of("IGGY_TCP_ENABLED", "false", "IGGY_SYSTEM_SEGMENT_SIZE", "1 MiB"));
        base = "http://127.0.0.1:" + TestServer.http(server).getPort();
        token = login();
    }

    @AfterAll
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void everyMutatedRequestIsAnsweredWithoutAServerError() throws Exception {
        createWorld();
        List<RouteKey> routes = registeredRoutes();
        assertThat(routes).hasSizeGreaterThan(40);
        // Deletions run last, deepest paths first, so the rest keep reaching resources that exist.
        routes.sort(Comparator.comparing((RouteKey route) -> route.method() == HttpMethod.DELETE)
                .thenComparing(route ->
                        route.method() == HttpMethod.DELETE ? -route.path().length() : 0));
        Random random = new Random(SEED);
        int succeeded = 0;
        int refused = 0;
        for (RouteKey route : routes) {
            String seedBody = seedBody(route);
            int mutations = SLOW.contains(route.toString()) ? MUTATIONS / 5 : MUTATIONS;
            for (int i = 0; i < mutations; i++) {
                String path = fill(route.path(), random) + query(random);
                byte @Nullable [] body = seedBody == null ? null : mutateBody(seedBody, random);
                String replay = "seed %x, %s as %s, body %s"
                        .formatted(SEED, route, path, body == null ? "none" : describe(body));
                HttpResponse<String> response = send(route.method(), path, body, token, replay);
                check(response, replay);
                if (response.statusCode() < 300) {
                    succeeded++;
                } else {
                    refused++;
                }
                if (response.statusCode() == 401) {
                    // A logout or token refresh that still parsed revoked this token.
                    token = login();
                }
            }
        }
        // Both outcomes must occur, or the mutations are not reaching the routes.
        assertThat(succeeded).isPositive();
        assertThat(refused).isPositive();
        assertServerStillWorks();
    }

    /** What the server registers, recorded through the same calls {@code HttpApiServer} makes. */
    private static List<RouteKey> registeredRoutes() {
        List<RouteKey> routes = new ArrayList<>();
        RouteTable table = (method, path, access, route) -> routes.add(new RouteKey(method, path));
        new SystemRoutes().register(table);
        new UserRoutes(AccessTokens.hs256(TestServer.JWT_SECRET, "iggy.rs", "iggy.rs", 3600, Clock.systemUTC()))
                .register(table);
        new StreamRoutes().register(table);
        new GroupRoutes().register(table);
        new MessageRoutes(new HttpMetrics(() -> 0)).register(table);
        return routes;
    }

    /** A valid body for each route that takes one, the start of its mutations; null for none. */
    private @Nullable String seedBody(RouteKey route) {
        String payload = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII));
        return switch (route.toString()) {
            case "POST /users/login" ->
                "{\"username\":\"user1\",\"password\":\"secret\",\"version\":\"v\",\"context\":\"c\"}";
            case "POST /users/refresh-token" -> "{\"token\":\"" + token + "\"}";
            case "POST /personal-access-tokens/login" -> "{\"token\":\"not-a-token\"}";
            case "POST /users" ->
                "{\"username\":\"user2\",\"password\":\"secret\",\"status\":\"active\",\"permissions\":" + permissions()
                        + "}";
            case "PUT /users/:user_id" -> "{\"username\":\"user1\",\"status\":\"active\"}";
            case "PUT /users/:user_id/permissions" -> "{\"permissions\":" + permissions() + "}";
            case "PUT /users/:user_id/password" -> "{\"current_password\":\"secret\",\"new_password\":\"secret\"}";
            case "POST /personal-access-tokens" -> "{\"name\":\"pat2\",\"expiry\":0}";
            case "POST /snapshot" -> "{\"compression\":\"Deflated\",\"snapshot_types\":[\"ServerConfig\"]}";
            case "POST /streams", "PUT /streams/:stream_id" -> "{\"name\":\"s2\"}";
            case "POST /streams/:stream_id/topics" ->
                "{\"partitions_count\":2,\"compression_algorithm\":\"none\",\"message_expiry\":0,"
                        + "\"max_topic_size\":0,\"replication_factor\":null,\"name\":\"t2\"}";
            case "PUT /streams/:stream_id/topics/:topic_id" ->
                "{\"compression_algorithm\":\"none\",\"message_expiry\":0,\"max_topic_size\":\"10 GB\","
                        + "\"replication_factor\":1,\"name\":\"orders\"}";
            case "POST /streams/:stream_id/topics/:topic_id/partitions" -> "{\"partitions_count\":1}";
            case "POST /streams/:stream_id/topics/:topic_id/consumer-groups" -> "{\"name\":\"g2\"}";
            case "PUT /streams/:stream_id/topics/:topic_id/consumer-offsets" ->
                "{\"consumer_id\":\"7\",\"partition_id\":0,\"offset\":5}";
            case "POST /streams/:stream_id/topics/:topic_id/messages" ->
                "{\"partitioning\":{\"kind\":\"partition_id\",\"value\":\"AQAAAA==\"},\"messages\":["
                        + "{\"id\":0,\"payload\":\"" + payload + "\",\"user_headers\":[{\"key\":{\"kind\":\"string\","
                        + "\"value\":\"a2V5\"},\"value\":{\"kind\":\"int32\",\"value\":\"KgAAAA==\"}}]},"
                        + "{\"id\":\"0123456789abcdef0123456789abcdef\",\"payload\":\"" + payload + "\"}]}";
            default -> route.method() == HttpMethod.POST || route.method() == HttpMethod.PUT ? "{}" : null;
        };
    }

    private static String permissions() {
        return "{\"global\":{\"manage_servers\":false,\"read_servers\":true,\"manage_users\":false,"
                + "\"read_users\":true,\"manage_streams\":false,\"read_streams\":true,\"manage_topics\":false,"
                + "\"read_topics\":true,\"poll_messages\":true,\"send_messages\":true},\"streams\":{\"0\":"
                + "{\"manage_stream\":false,\"read_stream\":true,\"manage_topics\":false,\"read_topics\":true,"
                + "\"poll_messages\":true,\"send_messages\":true,\"topics\":{\"0\":{\"manage_topic\":false,"
                + "\"read_topic\":true,\"poll_messages\":true,\"send_messages\":true}}}}}";
    }

    /** The template with each {@code :parameter} replaced by a valid value, or now and then junk. */
    private static String fill(String template, Random random) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(encode(value(matcher.group(1), random))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Up to three query parameters, valid or junk; sometimes none. */
    private static String query(Random random) {
        int count = random.nextInt(4);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String key = QUERY_KEYS.get(random.nextInt(QUERY_KEYS.size()));
            out.append(i == 0 ? '?' : '&').append(key).append('=').append(encode(value(key, random)));
        }
        return out.toString();
    }

    private static String value(String parameter, Random random) {
        List<String> valid = VALID.getOrDefault(parameter, List.of("0"));
        return random.nextInt(4) == 0 ? JUNK.get(random.nextInt(JUNK.size())) : valid.get(random.nextInt(valid.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The seed body mutated as JSON (a field or element replaced, removed or added, the whole body
     * replaced, or nesting beyond the parser's limit), as bytes ({@link PayloadMutations}), or both;
     * one time in ten the seed itself, so valid requests keep reaching the handlers.
     */
    private static byte[] mutateBody(String seed, Random random) throws JacksonException {
        String json = seed;
        int kind = random.nextInt(10);
        if (kind < 6) {
            JsonNode tree = Json.MAPPER.readTree(seed);
            json = mutateTree(tree, random).toString();
        } else if (kind == 6) {
            json = JSON_VALUES.get(random.nextInt(JSON_VALUES.size()));
        } else if (kind == 7) {
            int depth = 400 + random.nextInt(2000);
            json = "[".repeat(depth) + "]".repeat(depth);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return kind >= 5 && kind != 7 && random.nextBoolean() ? PayloadMutations.mutate(bytes, random) : bytes;
    }

    private static JsonNode mutateTree(JsonNode root, Random random) throws JacksonException {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty()) {
            return Json.MAPPER.readTree(JSON_VALUES.get(random.nextInt(JSON_VALUES.size())));
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = Json.MAPPER.readTree(JSON_VALUES.get(random.nextInt(JSON_VALUES.size())));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            int action = random.nextInt(4);
            if (names.isEmpty() || action == 0) {
                object.set(random.nextBoolean() ? "unexpected" : "id", replacement);
            } else if (action == 1) {
                object.remove(names.get(random.nextInt(names.size())));
            } else {
                object.set(names.get(random.nextInt(names.size())), replacement);
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(replacement);
            } else {
                array.set(random.nextInt(array.size()), replacement);
            }
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainer()) {
            out.add(node);
            for (JsonNode child : node.values()) {
                collectContainers(child, out);
            }
        }
    }

    /** The body as text when it is valid UTF-8 (most are), else as hex. */
    private static String describe(byte[] body) {
        try {
            return "'" + StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)) + "'";
        } catch (CharacterCodingException e) {
            return "hex " + PayloadMutations.hex(body);
        }
    }

    /** Never a 5xx, never the internal error, and an error body names an Iggy error code. */
    private static void check(HttpResponse<String> response, String replay) {
        int status = response.statusCode();
        if (status >= 500) {
            fail("status %d (%s) for %s", status, response.body(), replay);
        }
        if (status < 400 || !response.body().startsWith("{")) {
            return;
        }
        JsonNode error;
        try {
            error = Json.MAPPER.readTree(response.body());
        } catch (JacksonException e) {
            throw new AssertionError("the error body is no JSON for " + replay + ": " + response.body(), e);
        }
        int id = error.path("id").asInt(-1);
        if (id == ErrorCode.ERROR.code()) {
            fail("internal error for %s", replay);
        }
        // 404 is the generic not-found body Iggy answers a GET of a missing resource with.
        if (ErrorCode.fromCode(id).isEmpty() && !(id == 404 && status == 404)) {
            fail("error id %d is no Iggy error code, for %s: %s", id, replay, response.body());
        }
    }

    /** A stream (id 0), topic "orders" (2 partitions) with messages, group "g1", "user1" and "pat1". */
    private void createWorld() throws Exception {
        expect(200, HttpMethod.POST, "/streams", "{\"name\":\"fuzz\"}");
        expect(
                200,
                HttpMethod.POST,
                "/streams/0/topics",
                "{\"partitions_count\":2,\"compression_algorithm\":\"none\",\"message_expiry\":0,"
                        + "\"max_topic_size\":0,\"replication_factor\":null,\"name\":\"orders\"}");
        expect(201, HttpMethod.POST, "/streams/0/topics/orders/consumer-groups", "{\"name\":\"g1\"}");
        expect(
                200,
                HttpMethod.POST,
                "/users",
                "{\"username\":\"user1\",\"password\":\"secret\",\"status\":\"active\",\"permissions\":null}");
        expect(200, HttpMethod.POST, "/personal-access-tokens", "{\"name\":\"pat1\",\"expiry\":0}");
        String payload = Base64.getEncoder().encodeToString(new byte[1000]);
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            messages.append(i == 0 ? "" : ",")
                    .append("{\"payload\":\"")
                    .append(payload)
                    .append("\"}");
        }
        for (int batch = 0; batch < 20; batch++) {
            String partition = Base64.getEncoder().encodeToString(new byte[] {(byte) (batch % 2), 0, 0, 0});
            expect(
                    201,
                    HttpMethod.POST,
                    "/streams/0/topics/orders/messages",
                    "{\"partitioning\":{\"kind\":\"partition_id\",\"value\":\"" + partition + "\"},\"messages\":["
                            + messages + "]}");
        }
    }

    /** A fresh login creates a stream and topic, sends, and polls the message back. */
    private void assertServerStillWorks() throws Exception {
        token = login();
        expect(200, HttpMethod.POST, "/streams", "{\"name\":\"after-fuzz\"}");
        expect(
                200,
                HttpMethod.POST,
                "/streams/after-fuzz/topics",
                "{\"partitions_count\":1,\"compression_algorithm\":\"none\",\"message_expiry\":0,"
                        + "\"max_topic_size\":0,\"replication_factor\":null,\"name\":\"t\"}");
        String payload = Base64.getEncoder().encodeToString("still here".getBytes(StandardCharsets.UTF_8));
        expect(
                201,
                HttpMethod.POST,
                "/streams/after-fuzz/topics/t/messages",
                "{\"partitioning\":{\"kind\":\"balanced\",\"value\":\"\"},\"messages\":[{\"payload\":\"" + payload
                        + "\"}]}");
        var polled = send(
                HttpMethod.GET,
                "/streams/after-fuzz/topics/t/messages?consumer_id=1&partition_id=0&kind=offset&value=0&count=10",
                null,
                token,
                "poll after the fuzzing");
        assertThat(polled.statusCode()).isEqualTo(200);
        assertThat(polled.body()).contains(payload);
    }

    private String login() throws Exception {
        String credentials = "{\"username\":\"%s\",\"password\":\"%s\"}"
                .formatted(ServerOptions.DEFAULT_ROOT_USERNAME, ServerOptions.DEFAULT_ROOT_PASSWORD);
        var response =
                send(HttpMethod.POST, "/users/login", credentials.getBytes(StandardCharsets.UTF_8), null, "login");
        assertThat(response.statusCode())
                .as("login as root: %s", response.body())
                .isEqualTo(200);
        return Json.MAPPER
                .readTree(response.body())
                .get("access_token")
                .get("token")
                .stringValue();
    }

    private void expect(int status, HttpMethod method, String path, String json) throws Exception {
        var response = send(method, path, json.getBytes(StandardCharsets.UTF_8), token, "setup");
        assertThat(response.statusCode())
                .as("%s %s: %s", method, path, response.body())
                .isEqualTo(status);
    }

    private HttpResponse<String> send(
            HttpMethod method, String path, byte @Nullable [] body, @Nullable String bearer, String replay)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(
                method.name(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within 10 s for " + replay, e);
        } catch (IOException e) {
            throw new IOException("the request failed for " + replay, e);
        }
    }

    /** A route as registered: its method and Vert.x path template. */
    private record RouteKey(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method.name() + " " + path;
        }
    }
}
