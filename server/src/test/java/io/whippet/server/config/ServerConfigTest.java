package io.whippet.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir
    Path dir;

    @Test
    void embeddedDefaultsMatchIggyPortsAndPaths() {
        ServerConfig config = ServerConfig.defaults();
        assertThat(config.tcp().address()).isEqualTo(new ListenAddress("127.0.0.1", 8090));
        assertThat(config.http().address()).isEqualTo(new ListenAddress("127.0.0.1", 3000));
        assertThat(config.quic().address()).isEqualTo(new ListenAddress("127.0.0.1", 8080));
        assertThat(config.system().path()).isEqualTo(Path.of("local_data"));
        assertThat(config.system().segmentSizeBytes()).isEqualTo(1L << 30);
        assertThat(config.system().defaultMessageExpiryMicros()).isEqualTo(HumanUnits.UNLIMITED);
        assertThat(config.http().maxRequestSizeBytes()).isEqualTo(2_000_000);
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        Path file = dir.resolve("server.toml");
        Files.writeString(file, """
                [system]
                path = "/tmp/from-file"
                [tcp]
                address = "127.0.0.1:9000"
                enabled = false
                """);
        ServerConfig config =
                ServerConfig.load(file, Map.of("IGGY_TCP_ADDRESS", "0.0.0.0:9100", "IGGY_HTTP_ENABLED", "false"));
        assertThat(config.system().path()).isEqualTo(Path.of("/tmp/from-file"));
        assertThat(config.tcp().enabled()).isFalse();
        assertThat(config.tcp().address()).isEqualTo(new ListenAddress("0.0.0.0", 9100));
        assertThat(config.http().enabled()).isFalse();
    }

    @Test
    void webUiIsOffByDefaultAsInIggyAndTurnsOnFromTheFileOrTheEnvironment() throws Exception {
        assertThat(ServerConfig.defaults().http().webUi()).isFalse();
        Path file = dir.resolve("web-ui.toml");
        Files.writeString(file, "[http]\nweb_ui = true\n");
        assertThat(ServerConfig.load(file, Map.of()).http().webUi()).isTrue();
        assertThat(ServerConfig.load(null, Map.of("IGGY_HTTP_WEB_UI", "true"))
                        .http()
                        .webUi())
                .isTrue();
        assertThat(ServerConfig.load(file, Map.of("IGGY_HTTP_WEB_UI", "false"))
                        .http()
                        .webUi())
                .isFalse();
    }

    @Test
    void unknownKeyInFileIsRejectedByName() throws Exception {
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, "[tcp]\nadress = \"127.0.0.1:1\"\n");
        assertThatThrownBy(() -> ServerConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'tcp.adress'");
    }

    @Test
    void malformedTomlNamesTheLine() throws Exception {
        Path file = dir.resolve("broken.toml");
        Files.writeString(file, "[tcp\naddress = 1\n");
        assertThatThrownBy(() -> ServerConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void badEnvironmentValueNamesTheVariableAndKey() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_TCP_ENABLED", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("IGGY_TCP_ENABLED")
                .hasMessageContaining("tcp.enabled")
                .hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_HTTP_ADDRESS", "localhost")))
                .hasMessageContaining("http.address")
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_SYSTEM_SEGMENT_SIZE", "12 parsecs")))
                .hasMessageContaining("system.segment.size");
    }

    @Test
    void encryptionKeyMustBe32BytesAndIsNeverEchoed() {
        String badKey = "c2hvcnQ=";
        assertThatThrownBy(() -> ServerConfig.load(
                        null, Map.of("IGGY_SYSTEM_ENCRYPTION_ENABLED", "true", "IGGY_SYSTEM_ENCRYPTION_KEY", badKey)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(badKey);
    }

    @Test
    void humanUnitsParseSizesAndDurations() {
        assertThat(HumanUnits.parseSizeBytes("1 GiB")).isEqualTo(1L << 30);
        assertThat(HumanUnits.parseSizeBytes("2 MB")).isEqualTo(2_000_000);
        assertThat(HumanUnits.parseSizeBytes("512")).isEqualTo(512);
        assertThat(HumanUnits.parseSizeBytes("unlimited")).isEqualTo(HumanUnits.UNLIMITED);
        assertThat(HumanUnits.parseDurationMicros("1 m 30 s")).isEqualTo(90_000_000);
        assertThat(HumanUnits.parseDurationMicros("500ms")).isEqualTo(500_000);
        assertThat(HumanUnits.parseDurationMicros("none")).isEqualTo(HumanUnits.UNLIMITED);
        assertThatThrownBy(() -> HumanUnits.parseDurationMicros("5 fortnights"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HumanUnits.parseDurationMicros("five")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void iggyQuicSectionIsReadFromAFileAndTheEnvironment() throws Exception {
        // The [quic] section of Iggy 0.8.0's server.toml, as shipped.
        Path file = dir.resolve("iggy.toml");
        Files.writeString(file, """
                [quic]
                enabled = true
                address = "127.0.0.1:8080"
                max_concurrent_bidi_streams = 10_000
                datagram_send_buffer_size = "100 KB"
                initial_mtu = "8 KB"
                send_window = "100 KB"
                receive_window = "100 KB"
                keep_alive_interval = "5 s"
                max_idle_timeout = "10 s"
                [quic.socket]
                override_defaults = false
                recv_buffer_size = "64 KB"
                send_buffer_size = "64 KB"
                keepalive = false
                """);
        ServerConfig.QuicConfig quic = ServerConfig.load(file, Map.of("IGGY_QUIC_RECEIVE_WINDOW", "2 MiB"))
                .quic();
        assertThat(quic.maxConcurrentBidiStreams()).isEqualTo(10_000);
        assertThat(quic.datagramSendBufferBytes()).isEqualTo(100_000);
        assertThat(quic.initialMtuBytes()).isEqualTo(8_000);
        assertThat(quic.sendWindowBytes()).isEqualTo(100_000);
        assertThat(quic.receiveWindowBytes()).isEqualTo(2L << 20);
        assertThat(quic.keepAliveIntervalMicros()).isEqualTo(5_000_000);
        assertThat(quic.maxIdleTimeoutMicros()).isEqualTo(10_000_000);
        assertThat(quic.socket()).isEqualTo(new ServerConfig.QuicSocketConfig(false, 64_000, 64_000, false));
    }

    @Test
    void badQuicValuesNameTheKey() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_QUIC_INITIAL_MTU", "1000 B")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable IGGY_QUIC_INITIAL_MTU: quic.initial_mtu = '1000 B' is out of range"
                        + " (expected: 1200 B..65527 B)");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_QUIC_MAX_CONCURRENT_BIDI_STREAMS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quic.max_concurrent_bidi_streams = '0' is out of range");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_QUIC_RECEIVE_WINDOW", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quic.receive_window = 'lots'");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_QUIC_KEEP_ALIVE_INTERVAL", "1 m")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be shorter than quic.max_idle_timeout");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_QUIC_MAX_IDLE_TIMEOUT", "never")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quic.max_idle_timeout = 'never' must be a duration");
    }

    @Test
    void quicKeepAliveAndIdleTimeoutMayBeOff() {
        ServerConfig.QuicConfig quic = ServerConfig.load(
                        null, Map.of("IGGY_QUIC_KEEP_ALIVE_INTERVAL", "0 s", "IGGY_QUIC_MAX_IDLE_TIMEOUT", "0 s"))
                .quic();
        assertThat(quic.keepAliveIntervalMicros()).isZero();
        assertThat(quic.maxIdleTimeoutMicros()).isZero();
    }

    @Test
    void theQuicEngineIsAutoByDefaultAndChosenByName() {
        assertThat(ServerConfig.defaults().quic().engine()).isEqualTo(ServerConfig.QuicEngine.AUTO);
        assertThat(ServerConfig.load(null, Map.of("IGGY_QUIC_ENGINE", "Quiche"))
                        .quic()
                        .engine())
                .isEqualTo(ServerConfig.QuicEngine.QUICHE);
        assertThat(ServerConfig.load(null, Map.of("IGGY_QUIC_ENGINE", "ngtcp2"))
                        .quic()
                        .engine())
                .isEqualTo(ServerConfig.QuicEngine.NGTCP2);
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_QUIC_ENGINE", "msquic")))
                .hasMessageContaining("quic.engine")
                .hasMessageContaining("auto, ngtcp2, quiche");
    }

    /** Iggy's whole server.toml, as a migrating user would pass it, copied out of the test resources. */
    private Path iggyServerToml() throws Exception {
        Path file = dir.resolve("iggy-server.toml");
        try (var in = ServerConfigTest.class.getResourceAsStream("iggy-server.toml")) {
            Files.write(file, java.util.Objects.requireNonNull(in).readAllBytes());
        }
        return file;
    }

    @Test
    void anIggyServerTomlLoadsUnchangedAndItsSettingsTakeEffect() throws Exception {
        ServerConfig config = ServerConfig.load(iggyServerToml(), Map.of());

        assertThat(config.http().cors())
                .isEqualTo(new ServerConfig.CorsConfig(
                        true,
                        List.of("GET", "POST", "PUT", "DELETE"),
                        List.of("*"),
                        List.of("content-type", "authorization"),
                        List.of(),
                        false,
                        false));
        ServerConfig.JwtConfig jwt = config.http().jwt();
        assertThat(jwt.algorithm()).isEqualTo("HS256");
        assertThat(jwt.validIssuers()).containsExactly("iggy.apache.org");
        assertThat(jwt.clockSkewMicros()).isEqualTo(5_000_000);
        assertThat(new String(jwt.secret(), StandardCharsets.UTF_8)).isEqualTo("top_secret$iggy123$_jwt_HS256_key#!");
        assertThat(config.tcp().socket())
                .isEqualTo(new ServerConfig.TcpSocketConfig(false, 100_000, 100_000, false, false, 0));
        assertThat(config.logging().level()).isEqualTo("info");
        assertThat(config.logging().directory()).isEqualTo(Path.of("local_data", "logs"));
        assertThat(config.logging().sysinfoPrintIntervalMicros()).isEqualTo(10_000_000);
        assertThat(config.logging().retentionMicros()).isEqualTo(7 * 86_400_000_000L);
        assertThat(config.maintenance().messageSaverIntervalMicros()).isEqualTo(30_000_000);
        // Iggy turns WebSocket on by default; Whippet has no such transport and says so at start.
        assertThat(config.ignoredSettings())
                .containsExactly("websocket.enabled = true: the WebSocket transport is not supported"
                        + " (TCP, QUIC and HTTP are)");
    }

    @Test
    void iggySettingsWhippetLacksAreReportedNotSilentlyDropped() throws Exception {
        Path file = dir.resolve("unsupported.toml");
        Files.writeString(file, """
                [cluster]
                enabled = true
                [telemetry]
                enabled = true
                [system.compression]
                default_algorithm = "gzip"
                [system.segment]
                server_confirmation = "no_wait"
                [system.stream]
                path = "my-streams"
                """);
        assertThat(ServerConfig.load(file, Map.of()).ignoredSettings())
                .containsExactly(
                        "cluster.enabled = true: clustering is not supported; this server runs as a single node",
                        "telemetry.enabled = true: OpenTelemetry export is not supported (Prometheus metrics are, at"
                                + " http.metrics.endpoint)",
                        "system.compression.default_algorithm = 'gzip': compression is set per topic"
                                + " (compression_algorithm), not server-wide",
                        "system.segment.server_confirmation = 'no_wait': every batch is written to its segment file"
                                + " before it is acknowledged",
                        "system.stream.path = 'my-streams': the layout under system.path is fixed");
        assertThat(ServerConfig.defaults().ignoredSettings()).isEmpty();
    }

    @Test
    void archivingExpiredSegmentsStopsStartUpRatherThanDeletingThem() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_SYSTEM_SEGMENT_ARCHIVE_EXPIRED", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("system.segment.archive_expired = 'true' is not supported");
    }

    @Test
    void corsListsComeCommaSeparatedFromTheEnvironment() {
        ServerConfig.CorsConfig cors = ServerConfig.load(
                        null,
                        Map.of(
                                "IGGY_HTTP_CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example",
                                "IGGY_HTTP_CORS_ALLOWED_METHODS", "get,post",
                                "IGGY_HTTP_CORS_EXPOSED_HEADERS", "iggy-view"))
                .http()
                .cors();
        assertThat(cors.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(cors.allowedMethods()).containsExactly("GET", "POST");
        assertThat(cors.exposedHeaders()).containsExactly("iggy-view");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_HTTP_CORS_ALLOWED_METHODS", "GET,P OST")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.cors.allowed_methods");
    }

    @Test
    void jwtSettingsAreCheckedAndSecretsNeverEchoed() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_HTTP_JWT_ALGORITHM", "RS256")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.jwt.algorithm = 'RS256' is not supported");
        assertThatThrownBy(() -> ServerConfig.load(
                        null,
                        Map.of(
                                "IGGY_HTTP_JWT_ENCODING_SECRET", "first-secret-value",
                                "IGGY_HTTP_JWT_DECODING_SECRET", "second-secret-value")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must equal http.jwt.encoding_secret")
                .hasMessageNotContaining("first-secret-value")
                .hasMessageNotContaining("second-secret-value");
        ServerConfig.JwtConfig jwt = ServerConfig.load(
                        null,
                        Map.of(
                                "IGGY_HTTP_JWT_ALGORITHM", "hs512",
                                "IGGY_HTTP_JWT_USE_BASE64_SECRET", "true",
                                "IGGY_HTTP_JWT_ENCODING_SECRET", "AAECAw==",
                                "IGGY_HTTP_JWT_VALID_AUDIENCES", "dashboard,cli"))
                .http()
                .jwt();
        assertThat(jwt.algorithm()).isEqualTo("HS512");
        assertThat(jwt.secret()).containsExactly(0, 1, 2, 3);
        assertThat(jwt.validAudiences()).containsExactly("whippet", "dashboard", "cli");
        assertThat(jwt.toString()).doesNotContain("AAECAw");
        assertThatThrownBy(() -> ServerConfig.load(
                        null,
                        Map.of(
                                "IGGY_HTTP_JWT_USE_BASE64_SECRET",
                                "true",
                                "IGGY_HTTP_JWT_ENCODING_SECRET",
                                "not base64!")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.jwt.encoding_secret is not valid base64 (http.jwt.use_base64_secret is true)");
    }

    @Test
    void logLevelsTakeIggysNamesAndDirectives() {
        assertThat(LogLevels.parse("warn,server=debug")).contains(java.util.logging.Level.WARNING);
        assertThat(LogLevels.parse("server=debug,iggy=trace")).contains(java.util.logging.Level.FINE);
        assertThat(LogLevels.parse("TRACE")).contains(java.util.logging.Level.FINEST);
        assertThat(LogLevels.parse("none")).contains(java.util.logging.Level.OFF);
        assertThat(LogLevels.parse("loud")).isEmpty();
        assertThat(LogLevels.parse(" , ")).isEmpty();
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("IGGY_SYSTEM_LOGGING_LEVEL", "loud")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("system.logging.level = 'loud' names no level");
    }
}
