package io.whippet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.server.config.ConfigException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.message.Message;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-side encryption ({@code [system.encryption]}) through the official SDK: payloads are
 * AES-256-GCM on disk and plain on poll; a tampered ciphertext or a missing key is an error (72),
 * never garbage; a different key stops the start.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EncryptionTest {
    private static final int CANNOT_DECRYPT_DATA = 72;

    @TempDir
    Path tempDir;

    private static Map<String, String> encryption(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return Map.of(
                "IGGY_SYSTEM_ENCRYPTION_ENABLED",
                "true",
                "IGGY_SYSTEM_ENCRYPTION_KEY",
                Base64.getEncoder().encodeToString(key));
    }

    private static void assertCannotDecrypt(IggyBaseClient client) {
        assertThatThrownBy(() -> PayloadFixture.pollAll(client, 10))
                .isInstanceOf(IggyServerException.class)
                .extracting(e -> ((IggyServerException) e).getRawErrorCode())
                .isEqualTo(CANNOT_DECRYPT_DATA);
    }

    @Test
    void payloadsAreCiphertextOnDiskAndPlainOnPollAcrossARestart() {
        Path data = tempDir.resolve("data");
        try (var server = EmbeddedServer.start(data, encryption(1));
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, server::tcpAddress)) {
            IggyBaseClient root = clients.root();
            PayloadFixture.createStreamAndTopic(root, CompressionAlgorithm.None);
            List<String> sent = PayloadFixture.jsonTexts(0, 20, 500);
            PayloadFixture.send(root, sent);

            assertThat(PayloadFixture.payloads(PayloadFixture.pollAll(root, 20)))
                    .isEqualTo(sent);
            assertThat(PayloadFixture.contains(PayloadFixture.segmentBytes(data), "\"status\":\"shipped\""))
                    .isFalse();
            clients.close();

            server.restart();

            List<Message> polled = PayloadFixture.pollAll(clients.root(), 20);
            assertThat(PayloadFixture.payloads(polled)).isEqualTo(sent);
            assertThat(polled).allSatisfy(m -> assertThat(m.userHeaders()).isEqualTo(PayloadFixture.HEADERS));
        }
    }

    @Test
    void encryptionAndCompressionTogetherRoundTrip() {
        Path data = tempDir.resolve("data");
        try (var server = EmbeddedServer.start(data, encryption(1));
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, server::tcpAddress)) {
            IggyBaseClient root = clients.root();
            PayloadFixture.createStreamAndTopic(root, CompressionAlgorithm.Gzip);
            List<String> sent = PayloadFixture.jsonTexts(0, 50, 1000);
            PayloadFixture.send(root, sent);

            assertThat(PayloadFixture.payloads(PayloadFixture.pollAll(root, 50)))
                    .isEqualTo(sent);
            assertThat((long) PayloadFixture.segmentBytes(data).length).isLessThan(50L * 1100 / 3);
        }
    }

    @Test
    void aTamperedCiphertextOnDiskMakesThePollFailWithCannotDecryptData() {
        Path data = tempDir.resolve("data");
        try (var server = EmbeddedServer.start(data, encryption(1));
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, server::tcpAddress)) {
            PayloadFixture.createStreamAndTopic(clients.root(), CompressionAlgorithm.None);
            PayloadFixture.send(clients.root(), PayloadFixture.jsonTexts(0, 3, 200));
            clients.close();
            server.stop();

            PayloadFixture.flipPayloadByte(data, 12 + 5); // past the nonce, inside the ciphertext
            server.restart();

            assertCannotDecrypt(clients.root());
        }
    }

    @Test
    void anotherKeyOnRestartStopsTheStartWithAClearLine() {
        Path data = tempDir.resolve("data");
        try (var server = EmbeddedServer.start(data, encryption(1));
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, server::tcpAddress)) {
            PayloadFixture.createStreamAndTopic(clients.root(), CompressionAlgorithm.None);
            PayloadFixture.send(clients.root(), PayloadFixture.jsonTexts(0, 3, 200));
            clients.close();

            assertThatThrownBy(() -> server.restart(encryption(2)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("system.encryption.key is not the key");
        }
    }

    @Test
    void withEncryptionSwitchedOffEncryptedMessagesFailToPollUntilTheKeyIsBack() {
        Path data = tempDir.resolve("data");
        try (var server = EmbeddedServer.start(data, encryption(1));
                var clients = new Clients(ClientFlavour.BLOCKING_TCP, server::tcpAddress)) {
            PayloadFixture.createStreamAndTopic(clients.root(), CompressionAlgorithm.None);
            List<String> sent = PayloadFixture.jsonTexts(0, 3, 200);
            PayloadFixture.send(clients.root(), sent);
            clients.close();

            server.restart(Map.of());
            assertCannotDecrypt(clients.root());
            clients.close();

            server.restart(encryption(1));
            assertThat(PayloadFixture.payloads(PayloadFixture.pollAll(clients.root(), 10)))
                    .isEqualTo(sent);
        }
    }
}
