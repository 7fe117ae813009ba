package io.whippet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionStringTest {
    @Test
    void parsesUserPasswordHostAndPort() {
        ClientConfig config = ConnectionString.parse("iggy://iggy:secret@10.0.0.5:9000");
        assertThat(config.host()).isEqualTo("10.0.0.5");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.credentials()).isEqualTo(Credentials.password("iggy", "secret"));
        assertThat(config.tls().enabled()).isFalse();
    }

    @Test
    void aUserInfoWithoutColonIsAPersonalAccessToken() {
        ClientConfig config = ConnectionString.parse("iggy+tcp://abcDEF123@localhost");
        assertThat(config.credentials()).isEqualTo(Credentials.token("abcDEF123"));
        assertThat(config.port()).isEqualTo(ClientConfig.DEFAULT_PORT);
    }

    @Test
    void percentDecodesCredentialsAndKeepsAtSignsInThePassword() {
        ClientConfig config = ConnectionString.parse("iggy://us%3Aer:p@ss+word@host:1");
        assertThat(config.credentials()).isEqualTo(Credentials.password("us:er", "p@ss+word"));
        assertThat(config.host()).isEqualTo("host");
    }

    @Test
    void theQuicSchemeSelectsQuicAndItsDefaultPort() {
        ClientConfig quic = ConnectionString.parse("iggy+quic://iggy:secret@localhost?tls_ca_file=ca.pem");
        assertThat(quic.transport()).isEqualTo(ClientTransport.QUIC);
        assertThat(quic.port()).isEqualTo(ClientConfig.DEFAULT_QUIC_PORT);
        assertThat(quic.tls().caFile()).isEqualTo("ca.pem");
        assertThat(quic.tls().validateCertificate()).isTrue();
        assertThat(ConnectionString.parse("iggy+quic://a:b@h:9").port()).isEqualTo(9);
        assertThat(ConnectionString.parse("iggy://a:b@h").transport()).isEqualTo(ClientTransport.TCP);
    }

    @Test
    void parsesBracketedIpv6Hosts() {
        ClientConfig config = ConnectionString.parse("iggy://a:b@[::1]:8091");
        assertThat(config.host()).isEqualTo("::1");
        assertThat(config.port()).isEqualTo(8091);
    }

    @Test
    void appliesOptions() {
        ClientConfig config = ConnectionString.parse("iggy://a:b@h:1?tls=true&tls_domain=example.com"
                + "&reconnection_retries=7&reconnection_interval=2s&heartbeat_interval=500ms&request_timeout=1m");
        assertThat(config.tls().enabled()).isTrue();
        assertThat(config.tls().domain()).isEqualTo("example.com");
        assertThat(config.reconnect().maxRetries()).isEqualTo(7);
        assertThat(config.reconnect().intervalMs()).isEqualTo(2_000);
        assertThat(config.heartbeatIntervalMs()).isEqualTo(500);
        assertThat(config.requestTimeoutMs()).isEqualTo(60_000);
    }

    @Test
    void anHttpUrlChoosesTheRestApiOnPort3000AndMayOmitCredentials() {
        ClientConfig withUser = ConnectionString.parse("http://iggy:secret@10.0.0.5");
        ClientConfig anonymous = ConnectionString.parse("http://localhost:3001");
        ClientConfig tcp = ConnectionString.parse("iggy://a:b@h");

        assertThat(withUser.transport()).isEqualTo(ClientTransport.HTTP);
        assertThat(withUser.port()).isEqualTo(ClientConfig.DEFAULT_HTTP_PORT);
        assertThat(withUser.credentials()).isEqualTo(Credentials.password("iggy", "secret"));
        assertThat(anonymous.credentials()).isEqualTo(Credentials.none());
        assertThat(anonymous.port()).isEqualTo(3001);
        assertThat(tcp.transport()).isEqualTo(ClientTransport.TCP);
    }

    @Test
    void anHttpsUrlTurnsTlsOn() {
        ClientConfig config = ConnectionString.parse("https://token123@example.com:8443?request_timeout=5s");

        assertThat(config.transport()).isEqualTo(ClientTransport.HTTP);
        assertThat(config.tls().enabled()).isTrue();
        assertThat(config.credentials()).isEqualTo(Credentials.token("token123"));
        assertThat(config.requestTimeoutMs()).isEqualTo(5_000);
    }

    @Test
    void rejectsUnknownOptionsAndSchemesWithoutEchoingSecrets() {
        assertThatThrownBy(() -> ConnectionString.parse("iggy://a:hunter2@h:1?tls=true&retries=3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option: retries")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConnectionString.parse("ftp://a:b@h:1")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> ConnectionString.parse("iggy://h:1")).hasMessageContaining("credentials missing");
        assertThatThrownBy(() -> ConnectionString.parse("iggy://a:b@h:port")).hasMessageContaining("port: port");
    }
}
