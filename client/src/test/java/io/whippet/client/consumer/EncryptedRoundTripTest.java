package io.whippet.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.client.BlockingClient;
import io.whippet.client.ConnectionString;
import io.whippet.client.Encryptor;
import io.whippet.client.Message;
import io.whippet.client.producer.Producer;
import io.whippet.client.tcp.TcpClient;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.response.PolledMessage;
import io.whippet.testing.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client-side encryption end to end: the producer encrypts, the server stores ciphertext, the consumer decrypts. */
@Timeout(60)
class EncryptedRoundTripTest {
    @Test
    void theProducerEncryptsAndTheConsumerDecryptsWhileTheServerSeesCiphertext() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        Encryptor encryptor = Encryptor.of(key);
        Identifier stream = Identifier.of("secret");
        Identifier topic = Identifier.of("t");
        try (EmbeddedServer server = EmbeddedServer.start();
                BlockingClient client =
                        new BlockingClient(TcpClient.create(ConnectionString.parse(server.connectionString())))) {
            client.createStream("secret");
            client.createTopic(new CreateTopic(stream, 1, CompressionAlgorithm.NONE, 0, 0, 0, "t"));
            try (Producer producer = Producer.builder(client.async(), stream, topic)
                    .encryptor(encryptor)
                    .build()) {
                for (int i = 0; i < 5; i++) {
                    producer.send(Partitioning.partitionId(0), Message.of("secret-" + i));
                }
                producer.flush().join();
            }

            List<PolledMessage> raw = client.pollMessages(new PollMessages(
                            io.whippet.protocol.Consumer.consumer(Identifier.of(1)),
                            stream,
                            topic,
                            OptionalPartitionId.of(0),
                            new PollingStrategy.First(),
                            10,
                            false))
                    .decodeMessages();
            assertThat(raw)
                    .hasSize(5)
                    .allSatisfy(m -> assertThat(new String(m.payload(), StandardCharsets.UTF_8))
                            .doesNotContain("secret"));

            List<String> received = new ArrayList<>();
            try (Consumer consumer = Consumer.single(client.async(), stream, topic, Identifier.of(2), 0)
                    .pollingStrategy(new PollingStrategy.First())
                    .encryptor(encryptor)
                    .build()) {
                consumer.pollOnce(
                        message -> received.add(new String(message.message().payload(), StandardCharsets.UTF_8)));
            }
            assertThat(received).containsExactly("secret-0", "secret-1", "secret-2", "secret-3", "secret-4");
        }
    }
}
