package io.whippet.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

@Timeout(60)
class ManagementApiTest {
    @TempDir
    Path root;

    private static final String SINK = """
            type = "sink"
            key = "out"
            enabled = true
            version = 0
            name = "stdout sink"
            path = "stdout"

            [[streams]]
            stream = "orders"
            topics = ["new"]

            [plugin_config]
            print_payload = true
            password = "hidden"

            [transforms.delete_fields]
            enabled = true
            fields = ["x"]
            """;

    private HttpResponse<String> call(String base, String method, String path, String body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .method(
                                    method,
                                    body.isEmpty()
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(body))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void apiListsDescribesRestartsAndVersionsConnectors() throws Exception {
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.topic("orders", "new", 1);
            fixture.connector("sink_out_0.toml", SINK);
            ConnectRuntime runtime = fixture.start(true);
            String base =
                    "http://127.0.0.1:" + runtime.apiAddress().orElseThrow().getPort();

            assertThat(call(base, "GET", "/", "").body()).isEqualTo("Connector Runtime API");
            assertThat(call(base, "GET", "/health", "").body()).isEqualTo("{\"status\":\"healthy\"}");

            JsonNode sinks = Json.parse(call(base, "GET", "/sinks", "").body());
            assertThat(sinks).hasSize(1);
            assertThat(sinks.get(0).get("key").asString()).isEqualTo("out");
            assertThat(sinks.get(0).get("status").asString()).isEqualTo("running");

            JsonNode details = Json.parse(call(base, "GET", "/sinks/out", "").body());
            assertThat(details.get("streams").get(0).get("stream").asString()).isEqualTo("orders");
            assertThat(call(base, "GET", "/sinks/missing", "").statusCode()).isEqualTo(404);

            HttpResponse<String> plugin = call(base, "GET", "/sinks/out/configs/plugin?format=json", "");
            assertThat(plugin.headers().firstValue("content-type")).contains("application/json");
            assertThat(plugin.body()).contains("print_payload").doesNotContain("hidden");
            assertThat(call(base, "GET", "/sinks/out/configs/plugin", "").body())
                    .contains("print_payload = true");
            assertThat(call(base, "GET", "/sinks/out/transforms", "").body()).contains("delete_fields");

            JsonNode created = Json.parse(call(
                            base,
                            "POST",
                            "/sinks/out/configs",
                            "{\"enabled\":true,\"name\":\"v1\",\"path\":\"stdout\",\"streams\":[{\"stream\":\"orders\","
                                    + "\"topics\":[\"new\"]}]}")
                    .body());
            assertThat(created.get("version").asLong()).isEqualTo(1);
            assertThat(created.get("active").asBoolean()).isFalse();
            assertThat(Json.parse(call(base, "GET", "/sinks/out/configs", "").body()))
                    .hasSize(2);
            assertThat(call(base, "PUT", "/sinks/out/configs/active", "{\"version\":0}")
                            .statusCode())
                    .isEqualTo(204);
            assertThat(Json.parse(call(base, "GET", "/sinks/out/configs/active", "")
                                    .body())
                            .get("version")
                            .asLong())
                    .isZero();

            assertThat(call(base, "POST", "/sinks/out/restart", "").statusCode())
                    .isEqualTo(204);
            JsonNode restarted = Json.parse(call(base, "GET", "/sinks/out", "").body());
            assertThat(restarted.get("id").asLong()).isEqualTo(1);
            assertThat(restarted.get("status").asString()).isEqualTo("running");

            JsonNode stats = Json.parse(call(base, "GET", "/stats", "").body());
            assertThat(stats.get("sinks_total").asInt()).isEqualTo(1);
            assertThat(stats.get("sinks_running").asInt()).isEqualTo(1);
            assertThat(stats.get("connectors").get(0).has("messages_consumed")).isTrue();
            assertThat(call(base, "GET", "/metrics", "").body()).contains("iggy_connectors_sinks_running 1.0");
        }
    }

    @Test
    void anApiKeyGuardsEverythingButRootAndHealth() throws Exception {
        try (RuntimeFixture fixture = new RuntimeFixture(root)) {
            fixture.connector("sink_out_0.toml", SINK.replace("enabled = true", "enabled = false"));
            ConnectRuntime runtime = ConnectRuntime.start(
                    RuntimeConfig.load(
                            null,
                            java.util.Map.of(
                                    "IGGY_CONNECTORS_IGGY_ADDRESS",
                                    fixture.server.host() + ":" + fixture.server.tcpPort(),
                                    "IGGY_CONNECTORS_CONNECTORS_CONFIG_DIR",
                                    fixture.configDir.toString(),
                                    "IGGY_CONNECTORS_STATE_PATH",
                                    root.resolve("state").toString(),
                                    "IGGY_CONNECTORS_HTTP_ADDRESS",
                                    "127.0.0.1:0",
                                    "IGGY_CONNECTORS_HTTP_API_KEY",
                                    "k1")),
                    java.util.Map.of());
            try (runtime) {
                String base =
                        "http://127.0.0.1:" + runtime.apiAddress().orElseThrow().getPort();
                assertThat(call(base, "GET", "/health", "").statusCode()).isEqualTo(200);
                assertThat(call(base, "GET", "/sinks", "").statusCode()).isEqualTo(401);
                try (HttpClient client = HttpClient.newHttpClient()) {
                    HttpResponse<String> allowed = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/sinks"))
                                    .header("api-key", "k1")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(allowed.statusCode()).isEqualTo(200);
                    assertThat(allowed.body()).contains("\"status\":\"stopped\"");
                }
            }
        }
    }
}
