package io.whippet.it;

import static io.whippet.it.Sdk.stream;
import static io.whippet.it.Sdk.topic;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumeroffset.ConsumerOffsetInfo;
import org.apache.iggy.identifier.ConsumerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumer offsets: codes 120 and 121 (wire-protocol.md 6.12). */
abstract class ConsumerOffsetsContract extends ContractTestBase {

    @BeforeEach
    void createTopicWithMessages() {
        root.streams().createStream("offsets-home");
        Sdk.createTopic(root, 0, 2, "t");
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 10));
        Sdk.send(root, 0, 0, 1, Sdk.texts("m", 0, 3));
    }

    @Test
    void getWhenNothingIsStoredIsEmpty() {
        assertThat(get(Consumer.of(1L), 0)).isEmpty();
    }

    @Test
    void storedOffsetIsReadBackWithThePartitionsCurrentOffset() {
        store(Consumer.of(1L), 0, 5);

        ConsumerOffsetInfo info = get(Consumer.of(1L), 0).orElseThrow();

        assertThat(info.partitionId()).isZero();
        assertThat(info.storedOffset()).isEqualTo(BigInteger.valueOf(5));
        assertThat(info.currentOffset()).isEqualTo(BigInteger.valueOf(9));
    }

    @Test
    void storingAgainOverwrites() {
        store(Consumer.of(1L), 0, 5);
        store(Consumer.of(1L), 0, 2);

        assertThat(get(Consumer.of(1L), 0).orElseThrow().storedOffset()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void offsetsArePerConsumerAndPerPartition() {
        store(Consumer.of(1L), 0, 4);
        store(Consumer.of(2L), 0, 6);
        store(Consumer.of(1L), 1, 1);

        assertThat(get(Consumer.of(1L), 0).orElseThrow().storedOffset()).isEqualTo(BigInteger.valueOf(4));
        assertThat(get(Consumer.of(2L), 0).orElseThrow().storedOffset()).isEqualTo(BigInteger.valueOf(6));
        ConsumerOffsetInfo partitionOne = get(Consumer.of(1L), 1).orElseThrow();
        assertThat(partitionOne.partitionId()).isEqualTo(1);
        assertThat(partitionOne.storedOffset()).isEqualTo(BigInteger.ONE);
        assertThat(partitionOne.currentOffset()).isEqualTo(BigInteger.TWO);
        assertThat(get(Consumer.of(2L), 1)).isEmpty();
        assertThat(get(Consumer.of(3L), 0)).isEmpty();
    }

    @Test
    void withoutAPartitionIdAConsumerUsesPartitionZero() {
        root.consumerOffsets()
                .storeConsumerOffset(stream(0), topic(0), Optional.empty(), Consumer.of(4L), BigInteger.valueOf(3));

        assertThat(get(Consumer.of(4L), 0).orElseThrow().storedOffset()).isEqualTo(BigInteger.valueOf(3));
        assumeSessions("the 0.8.0 SDK asks for partition_id=1 when the caller gives none (http-api.md 4.8)");
        assertThat(root.consumerOffsets()
                        .getConsumerOffset(stream(0), topic(0), Optional.empty(), Consumer.of(4L))
                        .orElseThrow()
                        .partitionId())
                .isZero();
    }

    @Test
    void aConsumerCanBeNamedInsteadOfNumbered() {
        store(Consumer.of(ConsumerId.of("reader")), 0, 8);

        assertThat(get(Consumer.of(ConsumerId.of("reader")), 0).orElseThrow().storedOffset())
                .isEqualTo(BigInteger.valueOf(8));
    }

    @Test
    void consumerGroupOffsetsAreStoredPerGroup() {
        assumeSessions("a group consumer's offset is stored as the plain consumer's with that id (http-api.md 4.8)");

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "group");

        store(Consumer.group(0L), 1, 2);

        assertThat(get(Consumer.group(0L), 1).orElseThrow().storedOffset()).isEqualTo(BigInteger.TWO);
        assertThat(get(Consumer.group(ConsumerId.of("group")), 1).orElseThrow().storedOffset())
                .isEqualTo(BigInteger.TWO);
        assertThat(get(Consumer.of(0L), 1)).isEmpty();
    }

    @Test
    void getForAMissingTopicOrPartitionIsEmpty() {
        assertThat(root.consumerOffsets().getConsumerOffset(stream(0), topic(9), Optional.of(0L), Consumer.of(1L)))
                .isEmpty();
        assertThat(get(Consumer.of(1L), 7)).isEmpty();
    }

    @Test
    void storedOffsetsAreGoneWithTheirTopic() {
        store(Consumer.of(1L), 0, 5);
        root.topics().deleteTopic(stream(0), topic(0));
        Sdk.createTopic(root, 0, 2, "t");

        assertThat(get(Consumer.of(1L), 0)).isEmpty();
    }

    @Test
    void numericOverloadsStoreAndGetTheSameOffset() {
        root.consumerOffsets().storeConsumerOffset(0L, 0L, Optional.of(1L), 5L, BigInteger.ONE);

        assertThat(root.consumerOffsets()
                        .getConsumerOffset(0L, 0L, Optional.of(1L), 5L)
                        .orElseThrow()
                        .storedOffset())
                .isEqualTo(BigInteger.ONE);
    }

    private void store(Consumer consumer, long partitionId, long offset) {
        root.consumerOffsets()
                .storeConsumerOffset(
                        stream(0), topic(0), Optional.of(partitionId), consumer, BigInteger.valueOf(offset));
    }

    private Optional<ConsumerOffsetInfo> get(Consumer consumer, long partitionId) {
        return root.consumerOffsets().getConsumerOffset(stream(0), topic(0), Optional.of(partitionId), consumer);
    }
}
