package io.whippet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fixtures themselves: both ways of running a server answer the SDK, and both restart. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FixtureTest {
    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(ClientFlavour.class)
    void embeddedServerAnswersPingBeforeAndAfterARestart(ClientFlavour flavour) {
        try (var server = EmbeddedServer.start(tempDir.resolve("data"), flavour.tls());
                var clients = new Clients(flavour, () -> flavour.address(server))) {
            clients.anonymous().system().ping();
            int firstPort = server.tcpAddress().getPort();

            server.restart();

            assertThat(server.dataDir()).isEqualTo(tempDir.resolve("data"));
            assertThat(server.tcpAddress().getPort()).isPositive().isNotEqualTo(firstPort);
            clients.anonymous().system().ping();
        }
    }

    @Test
    void serverProcessAnswersPingAndSurvivesKillNineAndSigterm() {
        Path data = tempDir.resolve("data");
        try (var first = ServerProcess.start(data);
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, first::tcpAddress)) {
            clients.anonymous().system().ping();

            first.kill();

            assertThat(first.isAlive()).isFalse();
        }
        try (var second = ServerProcess.start(data);
                var clients = new Clients(ClientFlavour.ASYNC_TCP, second::tcpAddress)) {
            clients.anonymous().system().ping();

            int exitCode = second.stop();

            // A JVM ended by SIGTERM reports 143 after its shutdown hooks ran; 0 if main returned first.
            assertThat(exitCode).isIn(0, 143);
            assertThat(second.isAlive()).isFalse();
        }
    }
}
