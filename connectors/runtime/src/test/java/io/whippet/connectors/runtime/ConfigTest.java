package io.whippet.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ConfigTest {
    @TempDir
    Path dir;

    private static final String SINK = """
            type = "sink"
            key = "web"
            enabled = true
            version = %d
            name = "web sink"
            path = "http"

            [[streams]]
            stream = "orders"
            topics = ["a", "b"]
            schema = "text"

            [plugin_config]
            url = "http://localhost/"
            password = "hunter2"
            """;

    @Test
    void runtimeConfigTakesFileValuesThenEnvOverridesAndMasksSecrets() throws IOException {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, """
                [iggy]
                address = "10.0.0.1:8090"
                password = "from-file"
                [connectors]
                config_dir = "conf"
                """);
        RuntimeConfig config = RuntimeConfig.load(
                file,
                Map.of("IGGY_CONNECTORS_IGGY_PASSWORD", "s3cret", "IGGY_CONNECTORS_HTTP_ADDRESS", "0.0.0.0:9000"));

        assertThat(config.iggy().address()).isEqualTo("10.0.0.1:8090");
        assertThat(config.iggy().password()).isEqualTo("s3cret");
        assertThat(config.iggy().username()).isEqualTo("iggy");
        assertThat(config.http().port()).isEqualTo(9000);
        assertThat(config.configDirectory()).isEqualTo(Path.of("conf"));
        assertThat(config.toString()).doesNotContain("s3cret").contains("******");
    }

    @Test
    void runtimeConfigWithoutAConfigDirectoryFails() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of())).hasMessageContaining("config_dir");
    }

    @Test
    void connectorConfigParsesStreamsDefaultsAndTypedPluginConfigOverrides() {
        ConnectorConfig config = ConnectorConfig.fromToml(
                SINK.formatted(0),
                "web.toml",
                Map.of(
                        "IGGY_CONNECTORS_SINK_WEB_PLUGIN_CONFIG_MAX_RETRIES", "7",
                        "IGGY_CONNECTORS_SINK_WEB_PLUGIN_CONFIG_CODES", "[200,201]",
                        "IGGY_CONNECTORS_SINK_WEB_PLUGIN_CONFIG_VERBOSE_LOGGING", "TRUE",
                        "IGGY_CONNECTORS_SINK_WEB_ENABLED", "false"));

        assertThat(config.enabled()).isFalse();
        assertThat(config.sinkStreams()).hasSize(1);
        SinkStream stream = config.sinkStreams().getFirst();
        assertThat(stream.topics()).containsExactly("a", "b");
        assertThat(stream.batchLength()).isEqualTo(1000);
        assertThat(stream.pollInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(stream.consumerGroup()).isEqualTo("iggy-connect-sink-web");
        assertThat(config.pluginConfig().get("max_retries").asLong()).isEqualTo(7);
        assertThat(config.pluginConfig().get("codes").toString()).isEqualTo("[200,201]");
        assertThat(config.pluginConfig().get("verbose_logging").asBoolean()).isTrue();
        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(config.delivery()).isEqualTo(Delivery.defaults());
    }

    @Test
    void deliveryBackoffDoublesUpToItsCap() {
        Delivery delivery = Delivery.defaults();
        assertThat(delivery.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(delivery.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(delivery.backoffAfter(10)).isEqualTo(Duration.ofSeconds(5));
        assertThat(delivery.backoffAfter(100)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void localProviderRunsTheHighestVersionUnlessAnotherIsActivated() throws IOException {
        Files.writeString(dir.resolve("sink_web_0.toml"), SINK.formatted(0));
        Files.writeString(dir.resolve("sink_web_1.toml"), SINK.formatted(1));
        Files.writeString(dir.resolve(".hidden.toml"), "not toml at all [");
        Files.writeString(dir.resolve("Cargo.toml"), "[package]");
        LocalConfigProvider provider = new LocalConfigProvider(dir, Map.of());

        assertThat(provider.active(ConnectorType.SINK, "web").orElseThrow().version())
                .isEqualTo(1);
        provider.activate(ConnectorType.SINK, "web", 0);
        assertThat(provider.active(ConnectorType.SINK, "web").orElseThrow().version())
                .isZero();
        assertThat(provider.versions(ConnectorType.SINK, "web")).hasSize(2);
    }

    @Test
    void localProviderCreatesTheNextVersionWithoutActivatingItAndDeletes() throws IOException {
        Files.writeString(dir.resolve("sink_web_0.toml"), SINK.formatted(0));
        LocalConfigProvider provider = new LocalConfigProvider(dir, Map.of());
        ObjectNode body = (ObjectNode) Json.parse(Json.write(
                provider.active(ConnectorType.SINK, "web").orElseThrow().tree()));
        body.put("name", "renamed");
        provider.activate(ConnectorType.SINK, "web", 0);

        ConnectorConfig created = provider.create(ConnectorType.SINK, "web", body);

        assertThat(created.version()).isEqualTo(1);
        assertThat(dir.resolve("sink_web_1.toml")).exists();
        assertThat(provider.version(ConnectorType.SINK, "web", 1).orElseThrow().name())
                .isEqualTo("renamed");
        assertThat(provider.version(ConnectorType.SINK, "web", 1).orElseThrow().sinkStreams())
                .isEqualTo(created.sinkStreams());
        assertThat(provider.active(ConnectorType.SINK, "web").orElseThrow().version())
                .isZero();
        assertThat(provider.deleteVersion(ConnectorType.SINK, "web", 0)).isTrue();
        assertThat(provider.versions(ConnectorType.SINK, "web"))
                .extracting(ConnectorConfig::version)
                .containsExactly(1L);
        assertThat(provider.deleteAll(ConnectorType.SINK, "web")).isTrue();
        assertThat(provider.versions(ConnectorType.SINK, "web")).isEmpty();
    }

    @Test
    void stateStoreReplacesTheFileWholeAndTreatsEmptyAsNoState() throws IOException {
        StateStore store = new StateStore(dir, "gen");
        assertThat(store.load()).isNull();
        store.save(new byte[] {1, 2, 3});
        store.save(new byte[] {4});
        assertThat(store.load()).containsExactly(4);
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).containsExactly("source_gen.state");
        Files.write(store.file(), new byte[0]);
        assertThat(store.load()).isNull();
    }
}
