package io.whippet.it;

import static io.whippet.it.Sdk.stream;
import static io.whippet.it.ServerErrors.assertConflict;
import static io.whippet.it.ServerErrors.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.topic.Topic;
import org.junit.jupiter.api.Test;

/** Streams: codes 200-204 (wire-protocol.md 6.5). */
abstract class StreamsContract extends ContractTestBase {

    @Test
    void createdStreamsGetConsecutiveIdsFromZero() {
        long beforeMicros = nowMicros();

        StreamDetails first = root.streams().createStream("alpha");
        StreamDetails second = root.streams().createStream("beta");
        StreamDetails third = root.streams().createStream("gamma");

        assertThat(first.id()).isZero();
        assertThat(second.id()).isEqualTo(1);
        assertThat(third.id()).isEqualTo(2);
        assertThat(first.name()).isEqualTo("alpha");
        assertThat(first.topicsCount()).isZero();
        assertThat(first.messagesCount()).isEqualTo(BigInteger.ZERO);
        assertThat(Sdk.sizeBytes(first.size())).isZero();
        assertThat(first.topics()).isEmpty();
        assertThat(first.createdAt().longValueExact()).isBetween(beforeMicros - 5_000_000, nowMicros() + 5_000_000);
    }

    @Test
    void getStreamByIdAndByNameReturnTheSameStream() {
        StreamDetails created = root.streams().createStream("orders");

        StreamDetails byId = root.streams().getStream(stream(0)).orElseThrow();
        StreamDetails byName = root.streams().getStream(stream("orders")).orElseThrow();

        assertThat(byId).isEqualTo(created);
        assertThat(byName).isEqualTo(created);
    }

    @Test
    void getMissingStreamIsEmpty() {
        root.streams().createStream("present");

        assertThat(root.streams().getStream(stream(7))).isEmpty();
        assertThat(root.streams().getStream(stream("absent"))).isEmpty();
    }

    @Test
    void getStreamsListsEveryStreamInIdOrder() {
        root.streams().createStream("s0");
        root.streams().createStream("s1");
        root.streams().createStream("s2");

        assertThat(root.streams().getStreams())
                .extracting(StreamBase::id, StreamBase::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, "s0"),
                        org.assertj.core.groups.Tuple.tuple(1L, "s1"),
                        org.assertj.core.groups.Tuple.tuple(2L, "s2"));
    }

    @Test
    void getStreamsOnAnEmptyServerIsAnEmptyList() {
        assertThat(root.streams().getStreams()).isEmpty();
    }

    @Test
    void streamDetailsListItsTopicsInIdOrder() {
        root.streams().createStream("with-topics");
        Sdk.createTopic(root, 0, 2, "t-a");
        Sdk.createTopic(root, 0, 1, "t-b");

        StreamDetails details = root.streams().getStream(stream(0)).orElseThrow();

        assertThat(details.topicsCount()).isEqualTo(2);
        assertThat(details.topics())
                .extracting(Topic::id, Topic::name, Topic::partitionsCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, "t-a", 2L),
                        org.assertj.core.groups.Tuple.tuple(1L, "t-b", 1L));
    }

    @Test
    void updateStreamRenamesIt() {
        StreamDetails created = root.streams().createStream("old-name");

        root.streams().updateStream(stream(0), "new-name");

        StreamDetails renamed = root.streams().getStream(stream("new-name")).orElseThrow();
        assertThat(renamed.id()).isZero();
        assertThat(renamed.createdAt()).isEqualTo(created.createdAt());
        assertThat(root.streams().getStream(stream("old-name"))).isEmpty();
    }

    @Test
    void updateStreamByNameAndToTheSameNameSucceed() {
        root.streams().createStream("same");

        root.streams().updateStream(stream("same"), "same");

        assertThat(root.streams().getStream(stream(0)).orElseThrow().name()).isEqualTo("same");
    }

    @Test
    void updateStreamToAnotherStreamsNameIsAConflict() {
        root.streams().createStream("one");
        root.streams().createStream("two");

        assertConflict(() -> root.streams().updateStream(stream(1), "one"), 1012);
    }

    @Test
    void updateMissingStreamIsNotFound() {
        assertNotFound(() -> root.streams().updateStream(stream(3), "x"), 1009);
    }

    @Test
    void deleteStreamRemovesItAndItsTopics() {
        root.streams().createStream("doomed");
        Sdk.createTopic(root, 0, 1, "t");
        root.streams().createStream("kept");

        root.streams().deleteStream(stream(0));

        assertThat(root.streams().getStream(stream(0))).isEmpty();
        assertThat(root.streams().getStream(stream("doomed"))).isEmpty();
        assertThat(root.topics().getTopics(stream(0))).isEmpty();
        assertThat(root.streams().getStreams()).extracting(StreamBase::name).containsExactly("kept");
    }

    @Test
    void deleteStreamByName() {
        root.streams().createStream("by-name");

        root.streams().deleteStream(stream("by-name"));

        assertThat(root.streams().getStreams()).isEmpty();
    }

    @Test
    void freedStreamIdsAreReusedMostRecentlyFreedFirst() {
        root.streams().createStream("s0");
        root.streams().createStream("s1");
        root.streams().createStream("s2");
        root.streams().deleteStream(stream(0));
        root.streams().deleteStream(stream(2));

        StreamDetails a = root.streams().createStream("a");
        StreamDetails b = root.streams().createStream("b");
        StreamDetails c = root.streams().createStream("c");

        assertThat(a.id()).isEqualTo(2);
        assertThat(b.id()).isZero();
        assertThat(c.id()).isEqualTo(3);
    }

    @Test
    void nameOfADeletedStreamCanBeUsedAgain() {
        root.streams().createStream("reborn");
        root.streams().deleteStream(stream(0));

        StreamDetails again = root.streams().createStream("reborn");

        assertThat(again.name()).isEqualTo("reborn");
        assertThat(again.topicsCount()).isZero();
    }

    @Test
    void duplicateStreamNameIsAConflict() {
        root.streams().createStream("twice");

        assertConflict(() -> root.streams().createStream("twice"), 1012);
        assertThat(root.streams().getStreams()).hasSize(1);
    }

    @Test
    void streamNamesAreCaseSensitive() {
        root.streams().createStream("Case");

        StreamDetails lower = root.streams().createStream("case");

        assertThat(lower.id()).isEqualTo(1);
    }

    @Test
    void deleteMissingStreamIsNotFound() {
        assertNotFound(() -> root.streams().deleteStream(stream(5)), 1009);
        assertNotFound(() -> root.streams().deleteStream(stream("ghost")), 1010);
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
