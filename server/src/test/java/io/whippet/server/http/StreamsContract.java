package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.iggy.exception.IggyException;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.TopicDetails;
import org.junit.jupiter.api.Test;

/** Streams, topics and partitions, as every transport must serve them. */
abstract class StreamsContract extends ContractTestBase {
    @Test
    void createdStreamIsListedAndReadBack() {
        StreamDetails created = client.streams().createStream("orders");

        assertThat(created.name()).isEqualTo("orders");
        assertThat(created.topics()).isEmpty();
        assertThat(client.streams().getStreams())
                .anyMatch(stream -> stream.name().equals("orders"));
        assertThat(client.streams().getStream(created.id()))
                .map(StreamDetails::name)
                .contains("orders");
    }

    @Test
    void missingStreamReadsAsEmpty() {
        assertThat(client.streams().getStream(999_999L)).isEmpty();
    }

    @Test
    void duplicateStreamNameIsRejected() {
        client.streams().createStream("dup");

        assertThatThrownBy(() -> client.streams().createStream("dup")).isInstanceOf(IggyException.class);
    }

    @Test
    void streamIsRenamedAndDeleted() {
        StreamDetails created = client.streams().createStream("before");

        client.streams().updateStream(created.id(), "after");
        assertThat(client.streams().getStream(created.id()))
                .map(StreamDetails::name)
                .contains("after");

        client.streams().deleteStream(created.id());
        assertThat(client.streams().getStream(created.id())).isEmpty();
    }

    @Test
    void topicIsCreatedWithItsPartitionsAndUpdated() {
        StreamDetails stream = client.streams().createStream("with-topic");

        TopicDetails topic = client.topics()
                .createTopic(
                        stream.id(),
                        3L,
                        CompressionAlgorithm.None,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        Optional.empty(),
                        "events");
        assertThat(topic.name()).isEqualTo("events");
        assertThat(topic.partitionsCount()).isEqualTo(3L);
        assertThat(topic.partitions()).hasSize(3);

        client.partitions().createPartitions(stream.id(), topic.id(), 2L);
        assertThat(client.topics().getTopic(stream.id(), topic.id()))
                .map(TopicDetails::partitionsCount)
                .contains(5L);

        client.topics()
                .updateTopic(
                        stream.id(),
                        topic.id(),
                        CompressionAlgorithm.Gzip,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        Optional.empty(),
                        "renamed");
        assertThat(client.topics().getTopics(stream.id())).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("renamed");
            assertThat(t.compressionAlgorithm()).isEqualTo(CompressionAlgorithm.Gzip);
        });
    }
}
