package io.whippet.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.MessagesMetadata;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.Schema;
import io.whippet.connectors.api.TopicMetadata;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.WhippetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Timeout(20)
class HttpSinkTest {
    private static final TopicMetadata TOPIC = new TopicMetadata("orders", "new");
    private static final MessagesMetadata BATCH = new MessagesMetadata(3, 10, Schema.JSON);

    private WireMockServer endpoint;
    private final List<HttpSink> opened = new ArrayList<>();
    private ConnectorContext context = ConnectorContext.standalone("http-test");

    @BeforeEach
    void startEndpoint() {
        endpoint = new WireMockServer(options().dynamicPort());
        endpoint.start();
        endpoint.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopEndpoint() {
        opened.forEach(HttpSink::close);
        endpoint.stop();
    }

    private HttpSink open(String extraJson) {
        HttpSink sink = new HttpSink();
        String json =
                "{\"url\":\"" + endpoint.baseUrl() + "/ingest\",\"retry_delay\":\"1ms\",\"max_retry_delay\":\"20ms\""
                        + (extraJson.isEmpty() ? "" : "," + extraJson) + "}";
        sink.open(context, HttpSink.MAPPER.readTree(json));
        opened.add(sink);
        return sink;
    }

    private static ConsumedMessage message(long offset, Payload payload) {
        return new ConsumedMessage(offset + 1, 0, offset, 0xABCDL, 1_000 + offset, 500 + offset, Map.of(), payload);
    }

    private static ConsumedMessage json(long offset) {
        return message(offset, new Payload.Json(HttpSink.MAPPER.readTree("{\"n\":" + offset + "}")));
    }

    private static JsonNode body(LoggedRequest request) {
        return HttpSink.MAPPER.readTree(request.getBodyAsString());
    }

    private long counter(String name) {
        return context.metrics().counter(name, "").count();
    }

    @Test
    void individualModeSendsOneEnvelopePerMessageInOrder() {
        open("").consume(TOPIC, BATCH, List.of(json(0), json(1)));

        List<LoggedRequest> requests = endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")));
        assertThat(requests).hasSize(2);
        assertThat(requests.getFirst().getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode first = body(requests.getFirst());
        assertThat(first.get("payload").toString()).isEqualTo("{\"n\":0}");
        JsonNode metadata = first.get("metadata");
        assertThat(metadata.get("iggy_id").asString()).isEqualTo("00000000000000000000000000000001");
        assertThat(metadata.get("iggy_offset").asLong()).isZero();
        assertThat(metadata.get("iggy_timestamp").asLong()).isEqualTo(1_000);
        assertThat(metadata.get("iggy_stream").asString()).isEqualTo("orders");
        assertThat(metadata.get("iggy_topic").asString()).isEqualTo("new");
        assertThat(metadata.get("iggy_partition_id").asLong()).isEqualTo(3);
        assertThat(metadata.has("iggy_checksum")).isFalse();
        assertThat(metadata.has("iggy_origin_timestamp")).isFalse();
        assertThat(metadata.has("iggy_headers")).isFalse();
        assertThat(body(requests.get(1)).get("metadata").get("iggy_offset").asLong())
                .isEqualTo(1);
        assertThat(counter("http_messages_delivered")).isEqualTo(2);
        assertThat(counter("http_send_attempts")).isEqualTo(2);
    }

    @Test
    void ndjsonModeSendsOneRequestWithOneNewlineTerminatedLinePerMessage() {
        open("\"batch_mode\":\"ndjson\"").consume(TOPIC, BATCH, List.of(json(0), json(1), json(2)));

        List<LoggedRequest> requests = endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")));
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().getHeader("Content-Type")).isEqualTo("application/x-ndjson");
        String text = requests.getFirst().getBodyAsString();
        assertThat(text).endsWith("\n");
        assertThat(text.split("\n")).hasSize(3);
        assertThat(HttpSink.MAPPER
                        .readTree(text.split("\n")[2])
                        .get("payload")
                        .get("n")
                        .asInt())
                .isEqualTo(2);
        assertThat(counter("http_messages_delivered")).isEqualTo(3);
    }

    @Test
    void jsonArrayModeSendsOneArray() {
        open("\"batch_mode\":\"json_array\",\"include_metadata\":false")
                .consume(TOPIC, BATCH, List.of(json(0), json(1)));

        List<LoggedRequest> requests = endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")));
        assertThat(requests).hasSize(1);
        assertThat(requests.getFirst().getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(requests.getFirst().getBodyAsString()).isEqualTo("[{\"n\":0},{\"n\":1}]");
    }

    private static ConsumedMessage parsed(long offset, String json) {
        byte[] source = json.getBytes(StandardCharsets.UTF_8);
        return message(offset, new Payload.Json(HttpSink.MAPPER.readTree(source), source));
    }

    @Test
    void copyableSourceBytesAreCopiedAndOtherTextIsReserialisedOnOneLine() {
        open("\"batch_mode\":\"ndjson\",\"include_metadata\":false")
                .consume(
                        TOPIC,
                        BATCH,
                        List.of(
                                parsed(0, "{\"n\":1.50,\"s\":\"a b\\\"\",\"t\":true}"),
                                parsed(1, "{\n  \"n\" : 1.50\n}"),
                                parsed(2, "[1e400,1E2]"),
                                json(3)));

        assertThat(endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")))
                        .getFirst()
                        .getBodyAsString())
                .isEqualTo("{\"n\":1.50,\"s\":\"a b\\\"\",\"t\":true}\n{\"n\":1.5}\n[null,100.0]\n{\"n\":3}\n");
    }

    @Test
    void copyableMeansNoWhitespaceOutsideStringsAndNoDoubleThatMayOverflow() {
        assertThat(copyable("{\"a\":\"x y\\\" 1e9\",\"b\":[true,false,null,-0.25]}"))
                .isTrue();
        assertThat(copyable("{\"a\": 1}")).isFalse();
        assertThat(copyable("[1,\n2]")).isFalse();
        assertThat(copyable("[2.5e3]")).isFalse();
        assertThat(copyable("[" + "9".repeat(301) + ".0]")).isFalse();
        assertThat(copyable("[" + "9".repeat(300) + "]")).isTrue();
    }

    private static boolean copyable(String json) {
        return JsonBodies.isCopyable(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rawModeSendsThePayloadBytesUnwrapped() {
        byte[] bytes = {1, 2, 3, (byte) 0xFF};
        open("\"batch_mode\":\"raw\"")
                .consume(
                        TOPIC,
                        BATCH,
                        List.of(message(0, new Payload.Raw(bytes)), message(1, new Payload.Text("héllo"))));

        List<LoggedRequest> requests = endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")));
        assertThat(requests).hasSize(2);
        assertThat(requests.getFirst().getHeader("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(requests.getFirst().getBody()).isEqualTo(bytes);
        assertThat(requests.get(1).getBody()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void metadataTogglesAddChecksumOriginTimestampAndTypedHeaders() {
        ConsumedMessage withHeaders = new ConsumedMessage(
                0xFFL,
                0x1L,
                7,
                -1L,
                1_000,
                42,
                Map.of(
                        HeaderValue.ofString("kind"), HeaderValue.ofString("order"),
                        HeaderValue.ofString("count"), HeaderValue.ofUint32(5),
                        HeaderValue.ofString("blob"), HeaderValue.ofRaw(new byte[] {1, 2})),
                new Payload.Raw(new byte[] {9}));
        open("\"include_checksum\":true,\"include_origin_timestamp\":true").consume(TOPIC, BATCH, List.of(withHeaders));

        JsonNode sent =
                body(endpoint.findAll(postRequestedFor(urlEqualTo("/ingest"))).getFirst());
        JsonNode metadata = sent.get("metadata");
        assertThat(metadata.get("iggy_id").asString()).isEqualTo("000000000000000100000000000000ff");
        assertThat(metadata.get("iggy_checksum").asString()).isEqualTo("18446744073709551615");
        assertThat(metadata.get("iggy_origin_timestamp").asLong()).isEqualTo(42);
        assertThat(metadata.get("iggy_headers").get("kind").asString()).isEqualTo("order");
        assertThat(metadata.get("iggy_headers").get("count").asString()).isEqualTo("5");
        assertThat(metadata.get("iggy_headers").get("blob").toString())
                .isEqualTo("{\"data\":\"AQI=\",\"iggy_header_encoding\":\"base64\"}");
        assertThat(sent.get("payload").toString())
                .isEqualTo("{\"data\":\"CQ==\",\"iggy_payload_encoding\":\"base64\"}");
    }

    @Test
    void nonFiniteFloatsInJsonPayloadsBecomeNull() {
        ObjectNode payload =
                HttpSink.MAPPER.createObjectNode().put("x", Double.NaN).put("y", 1.5);
        open("\"include_metadata\":false").consume(TOPIC, BATCH, List.of(message(0, new Payload.Json(payload))));

        assertThat(endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")))
                        .getFirst()
                        .getBodyAsString())
                .isEqualTo("{\"x\":null,\"y\":1.5}");
    }

    @Test
    void customHeadersAreSentAndACustomContentTypeIsDropped() {
        open("\"headers\":{\"Authorization\":\"Bearer t\",\"Content-Type\":\"text/plain\"}")
                .consume(TOPIC, BATCH, List.of(json(0)));

        endpoint.verify(postRequestedFor(urlEqualTo("/ingest"))
                .withHeader("Authorization", equalTo("Bearer t"))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void transientStatusesAreRetriedUntilSuccess() {
        endpoint.stubFor(any(anyUrl())
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("second"));
        endpoint.stubFor(any(anyUrl())
                .inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429))
                .willSetStateTo("healthy"));
        endpoint.stubFor(any(anyUrl())
                .inScenario("flaky")
                .whenScenarioStateIs("healthy")
                .willReturn(aResponse().withStatus(200)));

        open("\"batch_mode\":\"ndjson\"").consume(TOPIC, BATCH, List.of(json(0), json(1)));

        assertThat(endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")))).hasSize(3);
        assertThat(counter("http_retries")).isEqualTo(2);
        assertThat(counter("http_send_attempts")).isEqualTo(1);
        assertThat(counter("http_messages_delivered")).isEqualTo(2);
        assertThat(counter("http_errors")).isZero();
    }

    @Test
    void retryAfterReplacesTheBackoffDelay() {
        // A nominal backoff of 30 s would outlast the test's timeout; Retry-After: 0 retries at once.
        endpoint.stubFor(any(anyUrl())
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
                .willSetStateTo("ok"));
        endpoint.stubFor(any(anyUrl())
                .inScenario("busy")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        HttpSink sink = new HttpSink();
        sink.open(
                context,
                HttpSink.MAPPER.readTree("{\"url\":\"" + endpoint.baseUrl()
                        + "/ingest\",\"retry_delay\":\"30s\",\"max_retry_delay\":\"60s\"}"));
        opened.add(sink);

        sink.consume(TOPIC, BATCH, List.of(json(0)));

        assertThat(endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")))).hasSize(2);
        assertThat(counter("http_retries")).isEqualTo(1);
    }

    @Test
    void badRequestIsNotRetriedAndFailsTheBatch() {
        endpoint.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withBody("bad field")));
        HttpSink sink = open("\"batch_mode\":\"json_array\"");

        assertThatThrownBy(() -> sink.consume(TOPIC, BATCH, List.of(json(0), json(1))))
                .isInstanceOf(WhippetException.class)
                .hasMessageContaining("400")
                .hasMessageContaining("bad field");
        assertThat(endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")))).hasSize(1);
        assertThat(counter("http_retries")).isZero();
        assertThat(counter("http_errors")).isEqualTo(2);
    }

    @Test
    void transientFailuresGiveUpAfterMaxRetries() {
        endpoint.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502)));
        HttpSink sink = open("\"max_retries\":2,\"batch_mode\":\"ndjson\"");

        assertThatThrownBy(() -> sink.consume(TOPIC, BATCH, List.of(json(0)))).hasMessageContaining("502");
        assertThat(endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")))).hasSize(3);
        assertThat(counter("http_retries")).isEqualTo(2);
    }

    @Test
    void threeFailedSendsInARowEndAPerMessageBatch() {
        endpoint.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        HttpSink sink = open("");

        assertThatThrownBy(() -> sink.consume(TOPIC, BATCH, List.of(json(0), json(1), json(2), json(3), json(4))))
                .hasMessageContaining("404");
        assertThat(endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")))).hasSize(3);
        assertThat(counter("http_errors")).isEqualTo(5);
    }

    @Test
    void anOversizedMessageIsSkippedAndAnOversizedBatchIsSplit() {
        HttpSink sink = open("\"batch_mode\":\"ndjson\",\"include_metadata\":false,\"max_payload_size_bytes\":20");
        ConsumedMessage big = message(9, new Payload.Text("x".repeat(50)));

        sink.consume(TOPIC, BATCH, List.of(json(0), json(1), json(2), big));

        List<LoggedRequest> requests = endpoint.findAll(postRequestedFor(urlEqualTo("/ingest")));
        assertThat(requests).extracting(LoggedRequest::getBodyAsString).allMatch(b -> b.length() <= 20);
        assertThat(String.join(
                        "",
                        requests.stream().map(LoggedRequest::getBodyAsString).toList()))
                .isEqualTo("{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
        assertThat(counter("http_errors")).isEqualTo(1);
        assertThat(counter("http_messages_delivered")).isEqualTo(3);
    }

    @Test
    void openChecksTheConfigInOrder() {
        HttpSink sink = new HttpSink();
        assertThatThrownBy(() -> sink.open(context, HttpSink.MAPPER.readTree("{\"url\":\"ftp://x/\"}")))
                .hasMessageContaining("url: ftp://x/");
        assertThatThrownBy(() -> sink.open(context, HttpSink.MAPPER.readTree("{\"url\":\"\"}")))
                .hasMessageContaining("url");
        assertThatThrownBy(() -> sink.open(
                        context, HttpSink.MAPPER.readTree("{\"url\":\"http://x/\",\"success_status_codes\":[]}")))
                .hasMessageContaining("success_status_codes");
        assertThatThrownBy(() -> sink.open(
                        context, HttpSink.MAPPER.readTree("{\"url\":\"http://x/\",\"success_status_codes\":[199]}")))
                .hasMessageContaining("199");
        assertThatThrownBy(() -> sink.open(
                        context, HttpSink.MAPPER.readTree("{\"url\":\"http://x/\",\"headers\":{\"bad name\":\"v\"}}")))
                .hasMessageContaining("bad name");
        assertThatThrownBy(() ->
                        sink.open(context, HttpSink.MAPPER.readTree("{\"url\":\"http://x/\",\"method\":\"post\"}")))
                .hasMessageContaining("method: post");
        assertThatThrownBy(() -> sink.consume(TOPIC, BATCH, List.of(json(0))))
                .hasMessageContaining("client not initialised");
    }

    @Test
    void healthCheckAtOpenFailsOnANonSuccessStatus() {
        endpoint.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)));
        HttpSink sink = new HttpSink();

        assertThatThrownBy(() -> sink.open(
                        context,
                        HttpSink.MAPPER.readTree(
                                "{\"url\":\"" + endpoint.baseUrl() + "/\",\"health_check_enabled\":true}")))
                .hasMessageContaining("health check HEAD")
                .hasMessageContaining("403");
    }

    @Test
    void healthCheckAtOpenPassesOnSuccess() {
        open("\"health_check_enabled\":true,\"health_check_method\":\"GET\"");

        assertThat(endpoint.getAllServeEvents()).hasSize(1);
        assertThat(endpoint.getAllServeEvents()
                        .getFirst()
                        .getRequest()
                        .getMethod()
                        .getName())
                .isEqualTo("GET");
    }
}
