package io.whippet.it;

import static io.whippet.it.Sdk.stream;
import static io.whippet.it.Sdk.topic;
import static io.whippet.it.ServerErrors.assertNotFound;
import static io.whippet.it.ServerErrors.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.apache.iggy.partition.Partition;
import org.apache.iggy.topic.TopicDetails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partitions: codes 402 and 403 (wire-protocol.md 6.7). */
abstract class PartitionsContract extends ContractTestBase {

    @BeforeEach
    void createTopic() {
        root.streams().createStream("partitions-home");
        Sdk.createTopic(root, 0, 3, "p");
    }

    @Test
    void createPartitionsAppendsTheNextIds() {
        root.partitions().createPartitions(stream(0), topic(0), 2L);

        TopicDetails topic = root.topics().getTopic(stream(0), topic(0)).orElseThrow();
        assertThat(topic.partitionsCount()).isEqualTo(5);
        assertThat(topic.partitions()).extracting(Partition::id).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(topic.partitions().get(4).messagesCount()).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void createPartitionsByName() {
        root.partitions().createPartitions(stream("partitions-home"), topic("p"), 1L);

        assertThat(root.topics().getTopic(stream(0), topic(0)).orElseThrow().partitionsCount())
                .isEqualTo(4);
    }

    @Test
    void newPartitionsAcceptMessages() {
        root.partitions().createPartitions(stream(0), topic(0), 1L);

        Sdk.send(root, 0, 0, 3, Sdk.texts("late", 0, 2));

        assertThat(Sdk.offsets(Sdk.pollAll(root, 0, 0, 3))).containsExactly(0L, 1L);
    }

    @Test
    void deletePartitionsRemovesTheHighestIds() {
        root.partitions().deletePartitions(stream(0), topic(0), 2L);

        TopicDetails topic = root.topics().getTopic(stream(0), topic(0)).orElseThrow();
        assertThat(topic.partitionsCount()).isEqualTo(1);
        assertThat(topic.partitions()).extracting(Partition::id).containsExactly(0L);
    }

    @Test
    void deletePartitionsDropsTheirMessagesFromTheCounts() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("keep", 0, 2));
        Sdk.send(root, 0, 0, 2, Sdk.texts("drop", 0, 3));

        root.partitions().deletePartitions(stream(0), topic(0), 1L);

        TopicDetails topic = root.topics().getTopic(stream(0), topic(0)).orElseThrow();
        assertThat(topic.messagesCount()).isEqualTo(BigInteger.valueOf(2));
        assertThat(root.streams().getStream(stream(0)).orElseThrow().messagesCount())
                .isEqualTo(BigInteger.valueOf(2));
    }

    @Test
    void partitionsCreatedAfterADeleteReuseTheFreedIds() {
        root.partitions().deletePartitions(stream(0), topic(0), 2L);

        root.partitions().createPartitions(stream(0), topic(0), 2L);

        TopicDetails topic = root.topics().getTopic(stream(0), topic(0)).orElseThrow();
        assertThat(topic.partitions()).extracting(Partition::id).containsExactly(0L, 1L, 2L);
        assertThat(topic.partitions().get(2).messagesCount()).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void numericOverloadsCreateAndDeletePartitions() {
        root.partitions().createPartitions(0L, 0L, 2L);
        root.partitions().deletePartitions(0L, 0L, 1L);

        assertThat(root.topics().getTopic(stream(0), topic(0)).orElseThrow().partitionsCount())
                .isEqualTo(4);
    }

    @Test
    void createPartitionsOnAMissingTopicIsNotFound() {
        assertNotFound(() -> root.partitions().createPartitions(stream(0), topic(5), 1L), 2010);
        assertNotFound(() -> root.partitions().createPartitions(stream(5), topic(0), 1L), 1009);
    }

    @Test
    void deletePartitionsOnAMissingTopicIsNotFound() {
        assertNotFound(() -> root.partitions().deletePartitions(stream(0), topic("nope"), 1L), 2011);
    }

    @Test
    void creatingMoreThanAThousandPartitionsAtOnceIsTooManyPartitions() {
        assertValidation(() -> root.partitions().createPartitions(stream(0), topic(0), 1001L), 2015);
        assertThat(root.topics().getTopic(stream(0), topic(0)).orElseThrow().partitionsCount())
                .isEqualTo(3);
    }
}
