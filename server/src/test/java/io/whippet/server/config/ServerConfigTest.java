package io.whippet.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
