package io.whippet.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.whippet.server.config.ServerConfig;
import org.junit.jupiter.api.Test;

class TcpSocketOptionsTest {
    @Test
    void withoutOverrideAcceptedConnectionsGetNoDelayAndKeepAliveAndOsBuffers() {
        var options = TcpServer.socketOptions(
                        new ServerBootstrap(),
                        new ServerConfig.TcpSocketConfig(false, 100_000, 100_000, false, false, 0))
                .config()
                .childOptions();
        assertThat(options)
                .containsEntry(ChannelOption.TCP_NODELAY, true)
                .containsEntry(ChannelOption.SO_KEEPALIVE, true)
                .doesNotContainKeys(ChannelOption.SO_RCVBUF, ChannelOption.SO_SNDBUF, ChannelOption.SO_LINGER);
    }

    @Test
    void overrideDefaultsAppliesExactlyWhatIsConfigured() {
        var options = TcpServer.socketOptions(
                        new ServerBootstrap(),
                        new ServerConfig.TcpSocketConfig(true, 262_144, 131_072, true, false, 2_500_000))
                .config()
                .childOptions();
        assertThat(options)
                .containsEntry(ChannelOption.TCP_NODELAY, false)
                .containsEntry(ChannelOption.SO_KEEPALIVE, true)
                .containsEntry(ChannelOption.SO_RCVBUF, 262_144)
                .containsEntry(ChannelOption.SO_SNDBUF, 131_072)
                .containsEntry(ChannelOption.SO_LINGER, 3);
    }

    @Test
    void aZeroLingerLeavesSoLingerOff() {
        var options = TcpServer.socketOptions(
                        new ServerBootstrap(), new ServerConfig.TcpSocketConfig(true, 65_536, 65_536, false, true, 0))
                .config()
                .childOptions();
        assertThat(options).doesNotContainKey(ChannelOption.SO_LINGER);
    }
}
