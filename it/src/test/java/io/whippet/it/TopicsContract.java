package io.whippet.it;

import static io.whippet.it.Sdk.U64_MAX;
import static io.whippet.it.Sdk.stream;
import static io.whippet.it.Sdk.topic;
import static io.whippet.it.ServerErrors.assertConflict;
import static io.whippet.it.ServerErrors.assertNotFound;
import static io.whippet.it.ServerErrors.assertServerError;
import static io.whippet.it.ServerErrors.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.partition.Partition;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.Topic;
import org.apache.iggy.topic.TopicDetails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Topics: codes 300-304 (wire-protocol.md 6.6, protocol-traps.md 12). */
abstract class TopicsContract extends ContractTestBase {
    private static final BigInteger TWO_GIB = BigInteger.valueOf(2L << 30);

    @BeforeEach
    void createStream() {
        root.streams().createStream("topics-home");
    }

    @Test
    void createTopicWithEveryOptionReturnsItsDetails() {
        long beforeMicros = StreamsContract.nowMicros();

        TopicDetails created = root.topics()
                .createTopic(
                        stream(0),
                        3L,
                        CompressionAlgorithm.Gzip,
                        BigInteger.valueOf(60_000_000),
                        TWO_GIB,
                        Optional.of((short) 1),
                        "events");

        assertThat(created.id()).isZero();
        assertThat(created.name()).isEqualTo("events");
        assertThat(created.partitionsCount()).isEqualTo(3);
        assertThat(created.compressionAlgorithm()).isEqualTo(CompressionAlgorithm.Gzip);
        assertThat(created.messageExpiry()).isEqualTo(BigInteger.valueOf(60_000_000));
        assertThat(created.maxTopicSize()).isEqualTo(TWO_GIB);
        assertThat(created.replicationFactor()).isEqualTo((short) 1);
        assertThat(created.messagesCount()).isEqualTo(BigInteger.ZERO);
        assertThat(Sdk.sizeBytes(created.size())).isZero();
        assertThat(created.createdAt().longValueExact())
                .isBetween(beforeMicros - 5_000_000, StreamsContract.nowMicros() + 5_000_000);
        assertThat(created.partitions()).extracting(Partition::id).containsExactly(0L, 1L, 2L);
        assertThat(created.partitions()).allSatisfy(p -> {
            assertThat(p.currentOffset()).isEqualTo(BigInteger.ZERO);
            assertThat(p.messagesCount()).isEqualTo(BigInteger.ZERO);
            assertThat(Sdk.sizeBytes(p.size())).isZero();
            assertThat(p.segmentsCount()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void createTopicWithDefaultsResolvesThem() {
        TopicDetails created = Sdk.createTopic(root, 0, 1, "defaults");

        // 0 expiry and 0 size mean "server default", which resolves to never / unlimited; RF 0 is stored as 1.
        assertThat(created.messageExpiry()).isEqualTo(U64_MAX);
        assertThat(created.maxTopicSize()).isEqualTo(U64_MAX);
        assertThat(created.replicationFactor()).isEqualTo((short) 1);
        assertThat(created.compressionAlgorithm()).isEqualTo(CompressionAlgorithm.None);
    }

    @Test
    void explicitNeverAndUnlimitedAreKept() {
        TopicDetails created = root.topics()
                .createTopic(stream(0), 1L, CompressionAlgorithm.None, U64_MAX, U64_MAX, Optional.empty(), "forever");

        assertThat(created.messageExpiry()).isEqualTo(U64_MAX);
        assertThat(created.maxTopicSize()).isEqualTo(U64_MAX);
    }

    @Test
    void topicIdsCountFromZeroInEachStream() {
        root.streams().createStream("second-home");

        TopicDetails a = Sdk.createTopic(root, 0, 1, "a");
        TopicDetails b = Sdk.createTopic(root, 0, 1, "b");
        TopicDetails c = Sdk.createTopic(root, 1, 1, "a");

        assertThat(a.id()).isZero();
        assertThat(b.id()).isEqualTo(1);
        assertThat(c.id()).isZero();
        assertThat(root.streams().getStream(stream(0)).orElseThrow().topicsCount())
                .isEqualTo(2);
    }

    @Test
    void topicWithZeroPartitionsHasNone() {
        TopicDetails created = Sdk.createTopic(root, 0, 0, "empty");

        assertThat(created.partitionsCount()).isZero();
        assertThat(created.partitions()).isEmpty();
    }

    @Test
    void getTopicByIdAndByNameInStreamByIdAndByName() {
        TopicDetails created = Sdk.createTopic(root, 0, 2, "lookup");

        assertThat(root.topics().getTopic(stream(0), topic(0))).contains(created);
        assertThat(root.topics().getTopic(stream(0), topic("lookup"))).contains(created);
        assertThat(root.topics().getTopic(stream("topics-home"), topic("lookup")))
                .contains(created);
    }

    @Test
    void getMissingTopicIsEmpty() {
        Sdk.createTopic(root, 0, 1, "present");

        assertThat(root.topics().getTopic(stream(0), topic(4))).isEmpty();
        assertThat(root.topics().getTopic(stream(0), topic("absent"))).isEmpty();
    }

    @Test
    void getTopicsListsEveryTopicOfTheStreamInIdOrder() {
        Sdk.createTopic(root, 0, 1, "x");
        Sdk.createTopic(root, 0, 4, "y");

        assertThat(root.topics().getTopics(stream(0)))
                .extracting(Topic::id, Topic::name, Topic::partitionsCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, "x", 1L),
                        org.assertj.core.groups.Tuple.tuple(1L, "y", 4L));
    }

    @Test
    void getTopicsOfAStreamWithoutTopicsIsEmpty() {
        assertThat(root.topics().getTopics(stream(0))).isEmpty();
    }

    @Test
    void getTopicsOfAMissingStreamIsEmpty() {
        assertThat(root.topics().getTopics(stream(9))).isEmpty();
    }

    @Test
    void updateTopicChangesEveryField() {
        Sdk.createTopic(root, 0, 2, "before");

        root.topics()
                .updateTopic(
                        stream(0),
                        topic(0),
                        CompressionAlgorithm.Gzip,
                        BigInteger.valueOf(5_000_000),
                        TWO_GIB,
                        Optional.of((short) 1),
                        "after");

        TopicDetails updated = root.topics().getTopic(stream(0), topic(0)).orElseThrow();
        assertThat(updated.name()).isEqualTo("after");
        assertThat(updated.compressionAlgorithm()).isEqualTo(CompressionAlgorithm.Gzip);
        assertThat(updated.messageExpiry()).isEqualTo(BigInteger.valueOf(5_000_000));
        assertThat(updated.maxTopicSize()).isEqualTo(TWO_GIB);
        assertThat(updated.partitionsCount()).isEqualTo(2);
        assertThat(root.topics().getTopic(stream(0), topic("before"))).isEmpty();
    }

    @Test
    void updateTopicToAnotherTopicsNameIsAConflict() {
        Sdk.createTopic(root, 0, 1, "first");
        Sdk.createTopic(root, 0, 1, "second");

        assertConflict(
                () -> root.topics()
                        .updateTopic(
                                stream(0),
                                topic(1),
                                CompressionAlgorithm.None,
                                BigInteger.ZERO,
                                BigInteger.ZERO,
                                Optional.empty(),
                                "first"),
                2013);
    }

    @Test
    void deleteTopicRemovesIt() {
        Sdk.createTopic(root, 0, 1, "gone");
        Sdk.createTopic(root, 0, 1, "stays");

        root.topics().deleteTopic(stream(0), topic(0));

        assertThat(root.topics().getTopic(stream(0), topic(0))).isEmpty();
        assertThat(root.topics().getTopics(stream(0))).extracting(Topic::name).containsExactly("stays");
        assertThat(root.streams().getStream(stream(0)).orElseThrow().topicsCount())
                .isEqualTo(1);
    }

    @Test
    void freedTopicIdIsReused() {
        Sdk.createTopic(root, 0, 1, "t0");
        Sdk.createTopic(root, 0, 1, "t1");
        root.topics().deleteTopic(stream(0), topic(0));

        assertThat(Sdk.createTopic(root, 0, 1, "t2").id()).isZero();
    }

    @Test
    void numericOverloadsCreateReadUpdateAndDelete() {
        TopicDetails created = root.topics()
                .createTopic(
                        0L,
                        2L,
                        CompressionAlgorithm.None,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        Optional.empty(),
                        "numeric");

        assertThat(root.topics().getTopic(0L, 0L)).contains(created);
        assertThat(root.topics().getTopics(0L)).extracting(Topic::name).containsExactly("numeric");
        root.topics()
                .updateTopic(
                        0L,
                        0L,
                        CompressionAlgorithm.Gzip,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        Optional.empty(),
                        "renamed");
        assertThat(root.topics().getTopic(0L, 0L).orElseThrow().name()).isEqualTo("renamed");
        root.topics().deleteTopic(0L, 0L);
        assertThat(root.topics().getTopics(0L)).isEmpty();
    }

    @Test
    void maxTopicSizeBelowTheSegmentSizeIsInvalidTopicSize() {
        assertServerError(
                () -> root.topics()
                        .createTopic(
                                stream(0),
                                1L,
                                CompressionAlgorithm.None,
                                BigInteger.ZERO,
                                BigInteger.valueOf(1_000),
                                Optional.empty(),
                                "tiny"),
                IggyServerException.class,
                1019);
        assertThat(root.topics().getTopics(stream(0))).isEmpty();
    }

    @Test
    void moreThanAThousandPartitionsIsTooManyPartitions() {
        assertValidation(() -> Sdk.createTopic(root, 0, 1001, "huge"), 2015);
        assertThat(root.topics().getTopics(stream(0))).isEmpty();
    }

    @Test
    void exactlyAThousandPartitionsIsAllowed() {
        assertThat(Sdk.createTopic(root, 0, 1000, "wide").partitionsCount()).isEqualTo(1000);
    }

    @Test
    void duplicateTopicNameInAStreamIsAConflict() {
        Sdk.createTopic(root, 0, 1, "dup");

        assertConflict(() -> Sdk.createTopic(root, 0, 1, "dup"), 2013);
    }

    @Test
    void createTopicInAMissingStreamIsNotFound() {
        assertNotFound(() -> Sdk.createTopic(root, 8, 1, "orphan"), 1009);
        assertNotFound(
                () -> root.topics()
                        .createTopic(
                                stream("nowhere"),
                                1L,
                                CompressionAlgorithm.None,
                                BigInteger.ZERO,
                                BigInteger.ZERO,
                                Optional.empty(),
                                "orphan"),
                1010);
    }

    @Test
    void deleteMissingTopicIsNotFound() {
        assertNotFound(() -> root.topics().deleteTopic(stream(0), topic(3)), 2010);
        assertNotFound(() -> root.topics().deleteTopic(stream(0), topic("ghost")), 2011);
        assertNotFound(() -> root.topics().deleteTopic(stream(6), topic(0)), 1009);
    }
}
