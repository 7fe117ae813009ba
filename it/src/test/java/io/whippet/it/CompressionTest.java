package io.whippet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.message.Message;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topic's {@code compression_algorithm} through the official SDK: gzip topics store compressed
 * payloads, polls return exactly what was sent (payload and user headers), and data written under
 * different settings reads back side by side, before and after a restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CompressionTest {
    @TempDir
    Path tempDir;

    @Test
    void aGzipTopicStoresLessAndPollsBackExactlyWhatWasSent() {
        Path data = tempDir.resolve("data");
        try (var server = EmbeddedServer.start(data);
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, server::tcpAddress)) {
            IggyBaseClient root = clients.root();
            PayloadFixture.createStreamAndTopic(root, CompressionAlgorithm.Gzip);
            List<String> sent = PayloadFixture.jsonTexts(0, 100, 1000);
            PayloadFixture.send(root, sent);

            List<Message> polled = PayloadFixture.pollAll(root, 100);

            assertThat(PayloadFixture.payloads(polled)).isEqualTo(sent);
            assertThat(polled).allSatisfy(message -> {
                assertThat(message.userHeaders()).isEqualTo(PayloadFixture.HEADERS);
                assertThat(message.header().payloadLength()).isEqualTo(1000L);
                assertThat(message.header().reserved()).isEqualTo(BigInteger.ZERO);
            });
            long rawBytes = 100L * (64 + 1000 + 32);
            assertThat((long) PayloadFixture.segmentBytes(data).length).isLessThan(rawBytes / 3);
            assertThat(root.topics()
                            .getTopic(Sdk.stream(0), Sdk.topic(0))
                            .orElseThrow()
                            .compressionAlgorithm())
                    .isEqualTo(CompressionAlgorithm.Gzip);
        }
    }

    @Test
    void changingCompressionAppliesToNewMessagesAndMixedDataReadsBackAfterRestart() {
        Path data = tempDir.resolve("data");
        try (var server = EmbeddedServer.start(data);
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, server::tcpAddress)) {
            IggyBaseClient root = clients.root();
            PayloadFixture.createStreamAndTopic(root, CompressionAlgorithm.None);
            List<String> sent = new ArrayList<>();
            CompressionAlgorithm[] settings = {
                CompressionAlgorithm.None,
                CompressionAlgorithm.Gzip,
                CompressionAlgorithm.None,
                CompressionAlgorithm.Gzip
            };
            for (int round = 0; round < settings.length; round++) {
                root.topics()
                        .updateTopic(
                                Sdk.stream(0),
                                Sdk.topic(0),
                                settings[round],
                                BigInteger.ZERO,
                                BigInteger.ZERO,
                                Optional.empty(),
                                "events");
                List<String> batch = PayloadFixture.jsonTexts(round * 10, 10, 40 + 300 * round);
                PayloadFixture.send(root, batch);
                sent.addAll(batch);
            }

            assertThat(PayloadFixture.payloads(PayloadFixture.pollAll(root, 100)))
                    .isEqualTo(sent);
            clients.close();

            server.restart();

            IggyBaseClient again = clients.root();
            List<Message> polled = PayloadFixture.pollAll(again, 100);
            assertThat(PayloadFixture.payloads(polled)).isEqualTo(sent);
            assertThat(polled).allSatisfy(m -> assertThat(m.userHeaders()).isEqualTo(PayloadFixture.HEADERS));
        }
    }
}
