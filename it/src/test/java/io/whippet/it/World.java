package io.whippet.it;

import static io.whippet.it.Sdk.stream;
import static io.whippet.it.Sdk.topic;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.consumeroffset.ConsumerOffsetInfo;
import org.apache.iggy.message.BigIntegerMessageId;
import org.apache.iggy.message.HeaderKey;
import org.apache.iggy.message.HeaderValue;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.UuidMessageId;
import org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.stream.StreamDetails;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.apache.iggy.topic.Topic;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;

/**
 * A server's worth of state for the restart tests, built through the SDK, and everything that was
 * read back right after building it, so the state after a restart can be compared field by field:
 * streams and topics (ids, names, options, counts, sizes), users with permissions, tokens, a consumer
 * group, stored offsets and every message (offset, id, timestamp, checksum, payload, headers).
 *
 * @param rootToken the raw token root created; logging in with it must still work
 * @param readerToken the raw token the "reader" user created
 */
record World(
        String rootToken,
        String readerToken,
        List<StreamDetails> streams,
        List<UserInfoDetails> users,
        List<PersonalAccessTokenInfo> rootTokens,
        ConsumerGroupDetails group,
        List<ConsumerOffsetInfo> offsets,
        Map<String, List<String>> messages) {

    static final String READER = "reader";
    static final String READER_PASSWORD = "reader-pass";

    /** Builds the state through {@code root} (the server must be empty) and reads it back. */
    static World build(IggyBaseClient root, Clients clients) {
        root.streams().createStream("orders");
        root.streams().createStream("audit");
        root.streams().createStream("scratch");
        root.streams().deleteStream(2L);
        root.topics()
                .createTopic(
                        stream(0),
                        3L,
                        CompressionAlgorithm.Gzip,
                        BigInteger.valueOf(86_400_000_000L),
                        BigInteger.valueOf(4L << 30),
                        Optional.of((short) 1),
                        "created");
        Sdk.createTopic(root, 0, 1, "paid");
        Sdk.createTopic(root, 1, 2, "log");

        root.users().createUser(READER, READER_PASSWORD, UserStatus.Active, Optional.of(UsersContract.MIXED));
        root.users().createUser("writer", "writer-pass", UserStatus.Inactive, Optional.empty());
        String rootToken = root.personalAccessTokens()
                .createPersonalAccessToken("restart-root", BigInteger.ZERO)
                .token();
        root.personalAccessTokens().createPersonalAccessToken("restart-hourly", BigInteger.valueOf(3_600_000_000L));
        String readerToken = clients.login(READER, READER_PASSWORD)
                .personalAccessTokens()
                .createPersonalAccessToken("reader-token", BigInteger.ZERO)
                .token();

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "billing");

        Map<HeaderKey, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(HeaderKey.fromString("trace"), HeaderValue.fromString("abc-123"));
        headers.put(HeaderKey.fromString("attempt"), HeaderValue.fromInt32(3));
        List<Message> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Message message = Sdk.text("order-" + i, headers);
            first.add(
                    i % 2 == 0
                            ? Sdk.withId(message, new UuidMessageId(new UUID(i, 1000 + i)))
                            : Sdk.withId(message, new BigIntegerMessageId(BigInteger.valueOf(500 + i))));
        }
        Sdk.send(root, 0, 0, 0, first.subList(0, 6));
        Sdk.send(root, 0, 0, 0, first.subList(6, 10));
        Sdk.send(root, 0, 0, 1, Sdk.texts("p1", 0, 5));
        for (int batch = 0; batch < 4; batch++) {
            root.messages()
                    .sendMessages(stream(1), topic(0), Partitioning.balanced(), Sdk.texts("audit" + batch, 0, 3));
        }
        root.messages()
                .sendMessages(stream(0), topic(1), Partitioning.messagesKey("customer-9"), Sdk.texts("paid", 0, 2));

        root.consumerOffsets()
                .storeConsumerOffset(stream(0), topic(0), Optional.of(0L), Consumer.of(7L), BigInteger.valueOf(4));
        root.consumerOffsets()
                .storeConsumerOffset(stream(0), topic(0), Optional.of(1L), Consumer.group(0L), BigInteger.ONE);

        return read(root, rootToken, readerToken);
    }

    /** Everything the server reports now, in the same shape as {@link #build}. */
    static World read(IggyBaseClient root, String rootToken, String readerToken) {
        List<StreamDetails> streams = root.streams().getStreams().stream()
                .map(StreamBase::id)
                .map(id -> root.streams().getStream(id).orElseThrow())
                .toList();
        List<UserInfoDetails> users = root.users().getUsers().stream()
                .map(u -> root.users().getUser(u.id()).orElseThrow())
                .sorted(java.util.Comparator.comparing(UserInfoDetails::id))
                .toList();
        List<PersonalAccessTokenInfo> tokens = root.personalAccessTokens().getPersonalAccessTokens().stream()
                .sorted(java.util.Comparator.comparing(PersonalAccessTokenInfo::name))
                .toList();
        ConsumerGroupDetails group = root.consumerGroups()
                .getConsumerGroup(stream(0), topic(0), Sdk.group(0))
                .orElseThrow();
        List<ConsumerOffsetInfo> offsets = List.of(
                root.consumerOffsets()
                        .getConsumerOffset(stream(0), topic(0), Optional.of(0L), Consumer.of(7L))
                        .orElseThrow(),
                root.consumerOffsets()
                        .getConsumerOffset(stream(0), topic(0), Optional.of(1L), Consumer.group(0L))
                        .orElseThrow());
        Map<String, List<String>> messages = new LinkedHashMap<>();
        for (StreamDetails s : streams) {
            for (Topic t : s.topics()) {
                for (long p = 0; p < t.partitionsCount(); p++) {
                    messages.put(
                            s.id() + "/" + t.id() + "/" + p,
                            Sdk.pollAll(root, s.id(), t.id(), p).messages().stream()
                                    .map(World::fingerprint)
                                    .toList());
                }
            }
        }
        return new World(rootToken, readerToken, streams, users, tokens, group, offsets, messages);
    }

    /** Every byte a message carries, as text. */
    static String fingerprint(Message m) {
        var h = m.header();
        return "offset=" + h.offset() + " id=" + h.id().toBigInteger() + " ts=" + h.timestamp() + " origin="
                + h.originTimestamp() + " checksum=" + h.checksum() + " payload="
                + HexFormat.of().formatHex(m.payload()) + " headers=" + MessagesContract.describe(m.userHeaders());
    }

    /** The server in front of {@code root} holds exactly this world, and its logins still work. */
    void assertStillThere(IggyBaseClient root, Clients clients) {
        World now = read(root, rootToken, readerToken);
        assertThat(now.streams()).isEqualTo(streams);
        assertThat(now.users()).isEqualTo(users);
        assertThat(now.rootTokens()).isEqualTo(rootTokens);
        assertThat(now.group()).isEqualTo(group);
        assertThat(now.offsets()).isEqualTo(offsets);
        assertThat(now.messages()).isEqualTo(messages);
        assertThat(messages.values().stream().mapToInt(List::size).sum()).isEqualTo(29);

        assertThat(clients.withToken(rootToken).streams().getStreams()).hasSize(2);
        assertThat(clients.withToken(readerToken).system().getMe().userId()).contains(1L);
        assertThat(clients.login(READER, READER_PASSWORD).system().getMe().userId())
                .contains(1L);
        ServerErrors.assertServerError(
                () -> clients.login("writer", "writer-pass"), org.apache.iggy.exception.IggyServerException.class, 47);
    }

    /** Ids and offsets carry on where they stopped: the freed stream id 2 first, offset 10 next. */
    void assertCountersContinue(IggyBaseClient root) {
        assertThat(root.streams().createStream("after-restart").id()).isEqualTo(2);
        assertThat(root.users()
                        .createUser("late-user", "late-pass", UserStatus.Active, Optional.empty())
                        .id())
                .isEqualTo(3);
        Sdk.send(root, 0, 0, 0, Sdk.texts("after", 0, 1));
        List<Long> offsets = Sdk.offsets(Sdk.pollAll(root, 0, 0, 0));
        assertThat(offsets).hasSize(11);
        assertThat(offsets.get(10)).isEqualTo(10);
        assertThat(streams.stream().map(StreamDetails::name)).containsExactly("orders", "audit");
    }
}
