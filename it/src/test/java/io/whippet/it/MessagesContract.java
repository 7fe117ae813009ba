package io.whippet.it;

import static io.whippet.it.Sdk.offsets;
import static io.whippet.it.Sdk.payloads;
import static io.whippet.it.Sdk.stream;
import static io.whippet.it.Sdk.topic;
import static io.whippet.it.ServerErrors.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import net.openhft.hashing.LongHashFunction;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.message.BigIntegerMessageId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.message.UuidMessageId;
import org.apache.iggy.topic.TopicDetails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Send (101) and poll (100): partitioning, ids, headers, offsets, timestamps, checksums and every
 * polling strategy (wire-protocol.md 6.9, 6.10). Each test starts with stream 0 / topic 0 of three
 * partitions.
 */
abstract class MessagesContract extends ContractTestBase {
    private static final int PARTITIONS = 3;

    @BeforeEach
    void createTopic() {
        root.streams().createStream("messages-home");
        Sdk.createTopic(root, 0, PARTITIONS, "events");
    }

    @Test
    void sendToAPartitionIdAppendsContiguousOffsetsFromZero() {
        Sdk.send(root, 0, 0, 1, Sdk.texts("m", 0, 5));

        PolledMessages polled = Sdk.pollAll(root, 0, 0, 1);

        assertThat(polled.partitionId()).isEqualTo(1);
        assertThat(offsets(polled)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(payloads(polled)).containsExactly("m-0", "m-1", "m-2", "m-3", "m-4");
        assertThat(polled.currentOffset()).isEqualTo(BigInteger.valueOf(4));
        assertThat(polled.count()).isEqualTo(5);
        assertThat(Sdk.pollAll(root, 0, 0, 0).messages()).isEmpty();
        assertThat(Sdk.pollAll(root, 0, 0, 2).messages()).isEmpty();
    }

    @Test
    void offsetsContinueAcrossBatches() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("a", 0, 3));
        Sdk.send(root, 0, 0, 0, Sdk.texts("b", 0, 2));

        PolledMessages polled = Sdk.pollAll(root, 0, 0, 0);

        assertThat(offsets(polled)).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(payloads(polled)).containsExactly("a-0", "a-1", "a-2", "b-0", "b-1");
    }

    @Test
    void balancedPartitioningRoundRobinsOncePerBatchStartingAtPartitionZero() {
        for (int batch = 0; batch < 4; batch++) {
            root.messages()
                    .sendMessages(stream(0), topic(0), Partitioning.balanced(), Sdk.texts("batch" + batch, 0, 2));
        }

        assertThat(payloads(Sdk.pollAll(root, 0, 0, 0)))
                .containsExactly("batch0-0", "batch0-1", "batch3-0", "batch3-1");
        assertThat(payloads(Sdk.pollAll(root, 0, 0, 1))).containsExactly("batch1-0", "batch1-1");
        assertThat(payloads(Sdk.pollAll(root, 0, 0, 2))).containsExactly("batch2-0", "batch2-1");
    }

    @Test
    void messagesKeyPicksXxh32OfTheKeyModuloThePartitionCount() {
        for (String key : List.of("user-1", "user-2", "user-3", "order-77", "k")) {
            long expected = Xxh32.hash(key) % PARTITIONS;
            for (int round = 0; round < 2; round++) {
                root.messages()
                        .sendMessages(
                                stream(0),
                                topic(0),
                                Partitioning.messagesKey(key),
                                List.of(Sdk.text(key + "/" + round)));
            }
            for (long partition = 0; partition < PARTITIONS; partition++) {
                List<String> inPartition = payloads(Sdk.pollAll(root, 0, 0, partition));
                if (partition == expected) {
                    assertThat(inPartition).as("key %s", key).contains(key + "/0", key + "/1");
                } else {
                    assertThat(inPartition).as("key %s", key).doesNotContain(key + "/0", key + "/1");
                }
            }
        }
    }

    @Test
    void userHeadersOfEveryKindComeBackUnchanged() {
        Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(HeaderKey.fromString("text"), HeaderValue.fromString("héllo"));
        headers.put(HeaderKey.fromString("flag"), HeaderValue.fromBool(true));
        headers.put(HeaderKey.fromString("i8"), HeaderValue.fromInt8((byte) -8));
        headers.put(HeaderKey.fromString("i16"), HeaderValue.fromInt16((short) -1600));
        headers.put(HeaderKey.fromString("i32"), HeaderValue.fromInt32(42));
        headers.put(HeaderKey.fromString("i64"), HeaderValue.fromInt64(-1L << 40));
        headers.put(HeaderKey.fromString("u8"), HeaderValue.fromUint8((short) 200));
        headers.put(HeaderKey.fromString("u16"), HeaderValue.fromUint16(65_000));
        headers.put(HeaderKey.fromString("u32"), HeaderValue.fromUint32(4_000_000_000L));
        headers.put(HeaderKey.fromString("f32"), HeaderValue.fromFloat32(1.5f));
        headers.put(HeaderKey.fromString("f64"), HeaderValue.fromFloat64(-2.25));
        headers.put(HeaderKey.fromString("raw"), HeaderValue.fromRaw(new byte[] {0, 1, (byte) 0xFF}));
        Sdk.send(root, 0, 0, 0, List.of(Sdk.text("with-headers", headers), Sdk.text("without-headers")));

        PolledMessages polled = Sdk.pollAll(root, 0, 0, 0);

        Message first = polled.messages().get(0);
        assertThat(describe(first.userHeaders())).isEqualTo(describe(headers));
        assertThat(header(first, "text").asString()).isEqualTo("héllo");
        assertThat(header(first, "u32").asUint32()).isEqualTo(4_000_000_000L);
        assertThat(first.header().userHeadersLength()).isEqualTo(headersLength(headers));
        Message second = polled.messages().get(1);
        assertThat(second.userHeaders()).isEmpty();
        assertThat(second.header().userHeadersLength()).isZero();
    }

    @Test
    void clientChosenIdsAreKept() {
        UUID uuid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        BigInteger big = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(12345));
        Sdk.send(
                root,
                0,
                0,
                0,
                List.of(
                        Sdk.withId(Sdk.text("uuid"), new UuidMessageId(uuid)),
                        Sdk.withId(Sdk.text("big"), new BigIntegerMessageId(big)),
                        Sdk.withId(Sdk.text("small"), new BigIntegerMessageId(BigInteger.valueOf(7)))));

        List<Message> polled = Sdk.pollAll(root, 0, 0, 0).messages();

        assertThat(polled.get(0).header().id().toBigInteger()).isEqualTo(new UuidMessageId(uuid).toBigInteger());
        assertThat(polled.get(1).header().id().toBigInteger()).isEqualTo(big);
        assertThat(polled.get(2).header().id().toBigInteger()).isEqualTo(BigInteger.valueOf(7));
    }

    @Test
    void idZeroIsReplacedByADistinctRandomUuidV4() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("generated", 0, 3));

        List<BigInteger> ids = Sdk.pollAll(root, 0, 0, 0).messages().stream()
                .map(m -> m.header().id().toBigInteger())
                .toList();

        assertThat(ids).doesNotContain(BigInteger.ZERO).doesNotHaveDuplicates();
        for (BigInteger id : ids) {
            // The UUID's 16 bytes are the id's little-endian bytes: version nibble in byte 6, variant in byte 8.
            byte[] wire = littleEndian16(id);
            assertThat(wire[6] & 0xF0).as("version of %s", id.toString(16)).isEqualTo(0x40);
            assertThat(wire[8] & 0xC0).as("variant of %s", id.toString(16)).isEqualTo(0x80);
        }
    }

    @Test
    void oneBatchSharesOneServerTimestampAndLaterBatchesAreNotEarlier() {
        long beforeMicros = StreamsContract.nowMicros();
        Sdk.send(root, 0, 0, 0, Sdk.texts("first", 0, 3));
        Sdk.send(root, 0, 0, 0, Sdk.texts("second", 0, 2));
        long afterMicros = StreamsContract.nowMicros();

        List<Message> polled = Sdk.pollAll(root, 0, 0, 0).messages();

        List<Long> timestamps = polled.stream()
                .map(m -> m.header().timestamp().longValueExact())
                .toList();
        assertThat(timestamps.subList(0, 3)).containsOnly(timestamps.get(0));
        assertThat(timestamps.subList(3, 5)).containsOnly(timestamps.get(3));
        assertThat(timestamps.get(3)).isGreaterThanOrEqualTo(timestamps.get(0));
        assertThat(timestamps)
                .allSatisfy(t -> assertThat(t).isBetween(beforeMicros - 5_000_000, afterMicros + 5_000_000));
        // The Java SDK sends origin_timestamp 0 and the server keeps it.
        assertThat(polled)
                .allSatisfy(m -> assertThat(m.header().originTimestamp()).isEqualTo(BigInteger.ZERO));
    }

    @Test
    void checksumIsXxh3OfTheStoredMessageFromTheIdOn() {
        Map<HeaderKey, HeaderValue> oneHeader = Map.of(HeaderKey.fromString("key"), HeaderValue.fromInt32(42));
        Sdk.send(root, 0, 0, 0, List.of(Sdk.text("hello", oneHeader), Sdk.text("world")));
        Sdk.send(root, 0, 0, 0, List.of(Sdk.withId(Sdk.text("third"), new BigIntegerMessageId(BigInteger.TEN))));

        List<Message> polled = Sdk.pollAll(root, 0, 0, 0).messages();

        assertThat(polled).hasSize(3);
        for (Message message : polled) {
            assertThat(message.header().checksum())
                    .as("checksum of offset %s", message.header().offset())
                    .isEqualTo(expectedChecksum(message));
        }
    }

    @Test
    void payloadLengthsAndSizesAddUp() {
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Message large = new Message(
                new MessageHeader(
                        BigInteger.ZERO,
                        new BigIntegerMessageId(BigInteger.ZERO),
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        0L,
                        (long) big.length,
                        BigInteger.ZERO),
                big,
                Map.of());
        Sdk.send(root, 0, 0, 2, List.of(large, Sdk.text("tiny")));

        List<Message> polled = Sdk.pollAll(root, 0, 0, 2).messages();

        assertThat(polled.get(0).payload()).isEqualTo(big);
        assertThat(polled.get(0).header().payloadLength()).isEqualTo(100_000L);
        assertThat(polled.get(1).header().payloadLength()).isEqualTo(4L);
        long expectedBytes = (64 + 100_000) + (64 + 4);
        TopicDetails topic = root.topics().getTopic(stream(0), topic(0)).orElseThrow();
        assertThat(topic.messagesCount()).isEqualTo(BigInteger.TWO);
        assertThat(Sdk.sizeBytes(topic.size())).isEqualTo(expectedBytes);
        assertThat(Sdk.sizeBytes(topic.partitions().get(2).size())).isEqualTo(expectedBytes);
        assertThat(topic.partitions().get(2).messagesCount()).isEqualTo(BigInteger.TWO);
        assertThat(topic.partitions().get(2).currentOffset()).isEqualTo(BigInteger.ONE);
        assertThat(Sdk.sizeBytes(
                        root.streams().getStream(stream(0)).orElseThrow().size()))
                .isEqualTo(expectedBytes);
    }

    @Test
    void pollByOffsetStartsThereAndHonoursTheCount() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 10));

        PolledMessages polled = Sdk.poll(root, 0, 0, 0, 1, PollingStrategy.offset(BigInteger.valueOf(3)), 4, false);

        assertThat(offsets(polled)).containsExactly(3L, 4L, 5L, 6L);
        assertThat(polled.currentOffset()).isEqualTo(BigInteger.valueOf(9));
    }

    @Test
    void pollByOffsetNearTheEndReturnsOnlyWhatExists() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 10));

        PolledMessages polled = Sdk.poll(root, 0, 0, 0, 1, PollingStrategy.offset(BigInteger.valueOf(8)), 5, false);

        assertThat(offsets(polled)).containsExactly(8L, 9L);
    }

    @Test
    void pollBeyondTheEndIsEmpty() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 10));

        PolledMessages polled = Sdk.poll(root, 0, 0, 0, 1, PollingStrategy.offset(BigInteger.valueOf(10)), 5, false);

        assertThat(polled.messages()).isEmpty();
        assertThat(polled.currentOffset()).isEqualTo(BigInteger.valueOf(9));
    }

    @Test
    void pollOfAnEmptyPartitionIsEmpty() {
        PolledMessages polled = Sdk.poll(root, 0, 0, 1, 1, PollingStrategy.first(), 5, false);

        assertThat(polled.messages()).isEmpty();
        assertThat(polled.partitionId()).isEqualTo(1);
        assertThat(polled.currentOffset()).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void pollWithCountZeroIsEmpty() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 3));

        PolledMessages polled = Sdk.poll(root, 0, 0, 0, 1, PollingStrategy.first(), 0, false);

        assertThat(polled.messages()).isEmpty();
    }

    @Test
    void pollFirstStartsAtOffsetZero() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 10));

        assertThat(offsets(Sdk.poll(root, 0, 0, 0, 1, PollingStrategy.first(), 3, false)))
                .containsExactly(0L, 1L, 2L);
    }

    @Test
    void pollLastReturnsTheLastCountMessages() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 10));

        assertThat(offsets(Sdk.poll(root, 0, 0, 0, 1, PollingStrategy.last(), 3, false)))
                .containsExactly(7L, 8L, 9L);
    }

    @Test
    void pollByTimestampStartsAtTheFirstMessageNotOlderThanIt() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("early", 0, 3));
        Sdk.send(root, 0, 0, 0, Sdk.texts("late", 0, 3));
        List<Message> all = Sdk.pollAll(root, 0, 0, 0).messages();
        BigInteger lateTimestamp = all.get(3).header().timestamp();
        List<Long> expected = all.stream()
                .filter(m -> m.header().timestamp().compareTo(lateTimestamp) >= 0)
                .map(m -> m.header().offset().longValueExact())
                .toList();

        PolledMessages polled = Sdk.poll(root, 0, 0, 0, 1, PollingStrategy.timestamp(lateTimestamp), 10, false);

        assertThat(offsets(polled)).isEqualTo(expected).contains(3L, 4L, 5L);
    }

    @Test
    void pollByATimestampAfterEveryMessageIsEmpty() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 3));
        BigInteger last = Sdk.pollAll(root, 0, 0, 0).messages().get(2).header().timestamp();

        PolledMessages polled =
                Sdk.poll(root, 0, 0, 0, 1, PollingStrategy.timestamp(last.add(BigInteger.ONE)), 10, false);

        assertThat(polled.messages()).isEmpty();
    }

    @Test
    void pollNextWithAutoCommitWalksThroughThePartition() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 10));

        PolledMessages first = Sdk.poll(root, 0, 0, 0, 7, PollingStrategy.next(), 4, true);
        PolledMessages second = Sdk.poll(root, 0, 0, 0, 7, PollingStrategy.next(), 4, true);
        PolledMessages third = Sdk.poll(root, 0, 0, 0, 7, PollingStrategy.next(), 4, true);
        PolledMessages fourth = Sdk.poll(root, 0, 0, 0, 7, PollingStrategy.next(), 4, true);

        assertThat(offsets(first)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(offsets(second)).containsExactly(4L, 5L, 6L, 7L);
        assertThat(offsets(third)).containsExactly(8L, 9L);
        assertThat(fourth.messages()).isEmpty();
        assertThat(root.consumerOffsets()
                        .getConsumerOffset(stream(0), topic(0), Optional.of(0L), Consumer.of(7L))
                        .orElseThrow()
                        .storedOffset())
                .isEqualTo(BigInteger.valueOf(9));
    }

    @Test
    void pollNextWithoutAutoCommitRepeatsAndStoresNothing() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 5));

        PolledMessages first = Sdk.poll(root, 0, 0, 0, 8, PollingStrategy.next(), 2, false);
        PolledMessages again = Sdk.poll(root, 0, 0, 0, 8, PollingStrategy.next(), 2, false);

        assertThat(offsets(first)).containsExactly(0L, 1L);
        assertThat(offsets(again)).containsExactly(0L, 1L);
        assertThat(root.consumerOffsets().getConsumerOffset(stream(0), topic(0), Optional.of(0L), Consumer.of(8L)))
                .isEmpty();
    }

    @Test
    void pollNextResumesAfterAStoredOffset() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 6));
        root.consumerOffsets()
                .storeConsumerOffset(stream(0), topic(0), Optional.of(0L), Consumer.of(9L), BigInteger.valueOf(2));

        assertThat(offsets(Sdk.poll(root, 0, 0, 0, 9, PollingStrategy.next(), 10, false)))
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    void autoCommitWithAnOffsetStrategyStoresTheLastReturnedOffset() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 10));

        Sdk.poll(root, 0, 0, 0, 11, PollingStrategy.offset(BigInteger.valueOf(2)), 3, true);

        assertThat(root.consumerOffsets()
                        .getConsumerOffset(stream(0), topic(0), Optional.of(0L), Consumer.of(11L))
                        .orElseThrow()
                        .storedOffset())
                .isEqualTo(BigInteger.valueOf(4));
    }

    @Test
    void consumerWithoutPartitionIdPollsPartitionZero() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("zero", 0, 2));
        Sdk.send(root, 0, 0, 1, Sdk.texts("one", 0, 2));

        PolledMessages polled = root.messages()
                .pollMessages(
                        stream(0), topic(0), Optional.empty(), Consumer.of(1L), PollingStrategy.first(), 10L, false);

        assertThat(polled.partitionId()).isZero();
        assertThat(payloads(polled)).containsExactly("zero-0", "zero-1");
    }

    @Test
    void sendAndPollByStreamAndTopicName() {
        root.messages()
                .sendMessages(
                        stream("messages-home"), topic("events"), Partitioning.partitionId(2L), Sdk.texts("n", 0, 2));

        PolledMessages polled = root.messages()
                .pollMessages(
                        stream("messages-home"),
                        topic("events"),
                        Optional.of(2L),
                        Consumer.of(1L),
                        PollingStrategy.first(),
                        10L,
                        false);

        assertThat(payloads(polled)).containsExactly("n-0", "n-1");
    }

    @Test
    void sendToAMissingPartitionIsPartitionNotFound() {
        assertNotFound(() -> Sdk.send(root, 0, 0, PARTITIONS, Sdk.texts("x", 0, 1)), 3007);
    }

    @Test
    void sendToAMissingStreamOrTopicIsNotFound() {
        assertNotFound(() -> Sdk.send(root, 4, 0, 0, Sdk.texts("x", 0, 1)), 1009);
        assertNotFound(() -> Sdk.send(root, 0, 4, 0, Sdk.texts("x", 0, 1)), 2010);
    }

    @Test
    void pollFromAMissingPartitionIsPartitionNotFound() {
        assertNotFound(() -> Sdk.poll(root, 0, 0, PARTITIONS, 1, PollingStrategy.first(), 1, false), 3007);
    }

    @Test
    void pollFromAMissingStreamOrTopicIsNotFound() {
        assertNotFound(() -> Sdk.poll(root, 5, 0, 0, 1, PollingStrategy.first(), 1, false), 1009);
        assertNotFound(() -> Sdk.poll(root, 0, 5, 0, 1, PollingStrategy.first(), 1, false), 2010);
    }

    @Test
    void messageCountsShowInTopicAndStreamDetails() {
        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 4));
        Sdk.send(root, 0, 0, 2, Sdk.texts("m", 0, 3));

        TopicDetails topic = root.topics().getTopic(stream(0), topic(0)).orElseThrow();

        assertThat(topic.messagesCount()).isEqualTo(BigInteger.valueOf(7));
        assertThat(topic.partitions().get(0).messagesCount()).isEqualTo(BigInteger.valueOf(4));
        assertThat(topic.partitions().get(0).currentOffset()).isEqualTo(BigInteger.valueOf(3));
        assertThat(topic.partitions().get(1).messagesCount()).isEqualTo(BigInteger.ZERO);
        assertThat(topic.partitions().get(2).messagesCount()).isEqualTo(BigInteger.valueOf(3));
        assertThat(root.streams().getStream(stream(0)).orElseThrow().messagesCount())
                .isEqualTo(BigInteger.valueOf(7));
    }

    @Test
    void numericOverloadsSendAndPoll() {
        root.messages().sendMessages(0L, 0L, Partitioning.partitionId(1L), Sdk.texts("num", 0, 2));

        PolledMessages polled =
                root.messages().pollMessages(0L, 0L, Optional.of(1L), 3L, PollingStrategy.first(), 10L, false);

        assertThat(payloads(polled)).containsExactly("num-0", "num-1");
    }

    /** Header contents by key name, order-free: kind and value bytes (records compare arrays by identity). */
    static Map<String, String> describe(Map<HeaderKey, HeaderValue> headers) {
        return headers.entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().kind() + ":" + new String(e.getKey().value(), StandardCharsets.UTF_8),
                        e -> e.getValue().kind() + ":"
                                + HexFormat.of().formatHex(e.getValue().value()),
                        (a, b) -> b,
                        TreeMap::new));
    }

    /** The value of the header named {@code name}; looked up by bytes, since keys hold arrays. */
    static HeaderValue header(Message message, String name) {
        return message.userHeaders().entrySet().stream()
                .filter(e -> new String(e.getKey().value(), StandardCharsets.UTF_8).equals(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no header " + name));
    }

    private static long headersLength(Map<HeaderKey, HeaderValue> headers) {
        return headers.entrySet().stream()
                .mapToLong(e ->
                        1 + 4 + e.getKey().value().length + 1 + 4 + e.getValue().value().length)
                .sum();
    }

    private static byte[] littleEndian16(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] little = new byte[16];
        for (int i = 0; i < 16 && i < bigEndian.length; i++) {
            little[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return little;
    }

    /** XXH3-64 (seed 0) of the message as stored, from the id to the end (wire-protocol.md 6.9). */
    static BigInteger expectedChecksum(Message message) {
        MessageHeader header = message.header();
        byte[] headerBlob = encodeHeaders(message.userHeaders());
        ByteBuffer bytes = ByteBuffer.allocate(56 + message.payload().length + headerBlob.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(littleEndian16(header.id().toBigInteger()));
        bytes.putLong(header.offset().longValue());
        bytes.putLong(header.timestamp().longValue());
        bytes.putLong(header.originTimestamp().longValue());
        bytes.putInt(header.userHeadersLength().intValue());
        bytes.putInt(header.payloadLength().intValue());
        bytes.putLong(header.reserved().longValue());
        bytes.put(message.payload());
        bytes.put(headerBlob);
        long hash = LongHashFunction.xx3().hashBytes(bytes.array());
        return new BigInteger(Long.toUnsignedString(hash));
    }

    /** The user-headers blob; exact only for at most one header, since the SDK's map has no order. */
    private static byte[] encodeHeaders(Map<HeaderKey, HeaderValue> headers) {
        int size = (int) headersLength(headers);
        ByteBuffer blob = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        headers.forEach((key, value) -> {
            blob.put((byte) key.kind().asCode()).putInt(key.value().length).put(key.value());
            blob.put((byte) value.kind().asCode()).putInt(value.value().length).put(value.value());
        });
        return blob.array();
    }
}
