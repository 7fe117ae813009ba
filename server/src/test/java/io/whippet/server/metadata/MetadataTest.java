package io.whippet.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MetadataTest {
    private static final long SEGMENT_BYTES = 1024 * 1024;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000_000L);
    private Metadata metadata;

    @BeforeEach
    void open() {
        metadata = Metadata.open(dir, clock, MetadataOptions.defaults().withSegmentSizeBytes(SEGMENT_BYTES));
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    private static void assertError(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOf(WhippetException.class)
                .extracting(e -> ((WhippetException) e).errorCode())
                .isEqualTo(code);
    }

    private static Identifier id(long id) {
        return Identifier.of(id);
    }

    private static Identifier name(String name) {
        return Identifier.of(name);
    }

    @Test
    void streamIdsStartAtZeroAndCarryTheClock() {
        StreamInfo first = metadata.createStream("orders");
        clock.advanceMicros(5);
        StreamInfo second = metadata.createStream("payments");

        assertThat(first).isEqualTo(new StreamInfo(0, "orders", clock.nowMicros() - 5));
        assertThat(second.id()).isEqualTo(1);
        assertThat(metadata.streams()).containsExactly(first, second);
    }

    @Test
    void freedIdsAreReusedMostRecentlyFreedFirstThenNeverUsedOnes() {
        for (int i = 0; i < 4; i++) {
            metadata.createStream("s" + i);
        }
        metadata.deleteStream(id(1));
        metadata.deleteStream(id(2));

        assertThat(metadata.createStream("a").id()).isEqualTo(2);
        assertThat(metadata.createStream("b").id()).isEqualTo(1);
        assertThat(metadata.createStream("c").id()).isEqualTo(4);
    }

    @Test
    void topicAndGroupIdsArePerScope() {
        metadata.createStream("s0");
        metadata.createStream("s1");
        TopicInfo t00 = metadata.createTopic(id(0), 1, TopicSettings.named("t"));
        TopicInfo t10 = metadata.createTopic(id(1), 1, TopicSettings.named("t"));
        TopicInfo t01 = metadata.createTopic(id(0), 1, TopicSettings.named("u"));

        assertThat(t00.id()).isZero();
        assertThat(t10.id()).isZero();
        assertThat(t01.id()).isEqualTo(1);
        assertThat(metadata.createConsumerGroup(id(0), id(0), "g").id()).isZero();
        assertThat(metadata.createConsumerGroup(id(0), id(1), "g").id()).isZero();
        assertThat(metadata.createConsumerGroup(id(0), id(0), "h").id()).isEqualTo(1);
    }

    @Test
    void duplicateNamesAreRejectedPerScopeAndCompareCaseSensitively() {
        metadata.createStream("s");
        assertError(() -> metadata.createStream("s"), ErrorCode.STREAM_NAME_ALREADY_EXISTS);
        assertThat(metadata.createStream("S").id()).isEqualTo(1);

        metadata.createTopic(id(0), 1, TopicSettings.named("t"));
        assertError(
                () -> metadata.createTopic(id(0), 1, TopicSettings.named("t")), ErrorCode.TOPIC_NAME_ALREADY_EXISTS);
        metadata.createTopic(id(1), 1, TopicSettings.named("t"));

        metadata.createConsumerGroup(id(0), id(0), "g");
        assertError(
                () -> metadata.createConsumerGroup(id(0), id(0), "g"), ErrorCode.CONSUMER_GROUP_NAME_ALREADY_EXISTS);

        metadata.createUser("alice", "hash", UserStatus.ACTIVE, null);
        assertError(() -> metadata.createUser("alice", "hash", UserStatus.ACTIVE, null), ErrorCode.USER_ALREADY_EXISTS);

        metadata.createPersonalAccessToken(0, "token", "h1", PersonalAccessToken.NEVER);
        assertError(
                () -> metadata.createPersonalAccessToken(0, "token", "h2", PersonalAccessToken.NEVER),
                ErrorCode.PERSONAL_ACCESS_TOKEN_ALREADY_EXISTS);
    }

    @Test
    void missingObjectsAnswerTheCodeOfTheIdentifierKind() {
        MetadataView view = metadata.view();
        assertError(() -> view.requireStream(id(3)), ErrorCode.STREAM_ID_NOT_FOUND);
        assertError(() -> view.requireStream(name("x")), ErrorCode.STREAM_NAME_NOT_FOUND);
        assertError(() -> metadata.deleteStream(name("x")), ErrorCode.STREAM_NAME_NOT_FOUND);

        metadata.createStream("s");
        metadata.createTopic(id(0), 1, TopicSettings.named("t"));
        MetadataView withTopic = metadata.view();
        assertError(() -> withTopic.requireTopic(id(0), id(9)), ErrorCode.TOPIC_ID_NOT_FOUND);
        assertError(() -> withTopic.requireTopic(id(0), name("x")), ErrorCode.TOPIC_NAME_NOT_FOUND);
        assertError(() -> withTopic.requireTopic(id(5), name("t")), ErrorCode.STREAM_ID_NOT_FOUND);
        assertError(() -> withTopic.requireConsumerGroup(id(0), id(0), id(2)), ErrorCode.CONSUMER_GROUP_ID_NOT_FOUND);
        assertError(
                () -> withTopic.requireConsumerGroup(id(0), name("t"), name("g")),
                ErrorCode.CONSUMER_GROUP_NAME_NOT_FOUND);
        assertError(() -> withTopic.requireUser(id(7)), ErrorCode.RESOURCE_NOT_FOUND);
        assertError(() -> withTopic.requireUser(name("nobody")), ErrorCode.RESOURCE_NOT_FOUND);

        assertThat(metadata.topic(name("s"), name("t"))).isPresent();
        assertThat(metadata.topic(name("s"), name("T"))).isEmpty();
        assertThat(metadata.topics(id(4))).isEmpty();
    }

    @Test
    void renamingAStreamToItsOwnNameIsANoOpAndToAnotherStreamsNameFails() {
        metadata.createStream("a");
        metadata.createStream("b");
        long sequence = metadata.view().sequence();

        assertThat(metadata.updateStream(name("a"), "a").name()).isEqualTo("a");
        assertThat(metadata.view().sequence()).isEqualTo(sequence);
        assertError(() -> metadata.updateStream(name("a"), "b"), ErrorCode.STREAM_NAME_ALREADY_EXISTS);
        assertThat(metadata.updateStream(name("a"), "c")).isEqualTo(new StreamInfo(0, "c", clock.nowMicros()));
    }

    @Test
    void invalidNamesAreRejected() {
        assertError(() -> metadata.createStream(""), ErrorCode.INVALID_STREAM_NAME);
        assertError(() -> metadata.createStream("x".repeat(256)), ErrorCode.INVALID_STREAM_NAME);
        assertThat(metadata.createStream("x".repeat(255)).id()).isZero();
        assertError(() -> metadata.createTopic(id(0), 1, TopicSettings.named("")), ErrorCode.INVALID_TOPIC_NAME);
    }

    @Test
    void topicDefaultsAreResolvedBeforeTheTopicIsCreated() {
        metadata.createStream("s");
        TopicInfo topic = metadata.createTopic(id(0), 3, TopicSettings.named("t"));

        assertThat(topic.messageExpiryMicros()).isEqualTo(TopicInfo.NEVER_EXPIRE);
        assertThat(topic.maxTopicSizeBytes()).isEqualTo(TopicInfo.UNLIMITED_SIZE);
        assertThat(topic.replicationFactor()).isEqualTo(1);
        assertThat(topic.compression()).isEqualTo(CompressionAlgorithm.NONE);
        assertThat(topic.partitions()).extracting(PartitionInfo::id).containsExactly(0L, 1L, 2L);
    }

    @Test
    void topicValidationRejectsTooManyPartitionsAndATooSmallMaxSize() {
        metadata.createStream("s");
        assertError(() -> metadata.createTopic(id(0), 1001, TopicSettings.named("t")), ErrorCode.TOO_MANY_PARTITIONS);
        assertError(() -> metadata.createTopic(id(0), -1, TopicSettings.named("t")), ErrorCode.TOO_MANY_PARTITIONS);
        TopicSettings small = new TopicSettings("t", CompressionAlgorithm.GZIP, 0, SEGMENT_BYTES - 1, 0);
        assertError(() -> metadata.createTopic(id(0), 1, small), ErrorCode.INVALID_TOPIC_SIZE);

        TopicSettings custom = new TopicSettings("t", CompressionAlgorithm.GZIP, 60_000_000, SEGMENT_BYTES, 3);
        TopicInfo topic = metadata.createTopic(id(0), 1000, custom);
        assertThat(topic.partitionsCount()).isEqualTo(1000);
        assertThat(topic.maxTopicSizeBytes()).isEqualTo(SEGMENT_BYTES);
        assertThat(topic.messageExpiryMicros()).isEqualTo(60_000_000);
        assertThat(topic.replicationFactor()).isEqualTo(3);
        assertThat(metadata.createTopic(id(0), 0, TopicSettings.named("empty")).partitions())
                .isEmpty();
    }

    @Test
    void updateTopicChangesSettingsAndKeepsPartitionsAndCreationTime() {
        metadata.createStream("s");
        TopicInfo before = metadata.createTopic(id(0), 2, TopicSettings.named("t"));
        metadata.createTopic(id(0), 2, TopicSettings.named("other"));
        clock.advanceMicros(100);

        TopicInfo after = metadata.updateTopic(
                id(0), name("t"), new TopicSettings("renamed", CompressionAlgorithm.GZIP, 5, 0, 2));
        assertThat(after.name()).isEqualTo("renamed");
        assertThat(after.partitions()).isEqualTo(before.partitions());
        assertThat(after.createdAtMicros()).isEqualTo(before.createdAtMicros());
        assertThat(after.messageExpiryMicros()).isEqualTo(5);
        assertError(
                () -> metadata.updateTopic(id(0), id(0), TopicSettings.named("other")),
                ErrorCode.TOPIC_NAME_ALREADY_EXISTS);
    }

    @Test
    void partitionsAreAppendedAndRemovedFromTheEnd() {
        metadata.createStream("s");
        metadata.createTopic(id(0), 2, TopicSettings.named("t"));
        clock.advanceMicros(10);

        TopicInfo grown = metadata.createPartitions(id(0), id(0), 3);
        assertThat(grown.partitions()).extracting(PartitionInfo::id).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(grown.partitions().get(4).createdAtMicros()).isEqualTo(clock.nowMicros());

        TopicInfo shrunk = metadata.deletePartitions(id(0), id(0), 2);
        assertThat(shrunk.partitions()).extracting(PartitionInfo::id).containsExactly(0L, 1L, 2L);
        assertError(() -> metadata.deletePartitions(id(0), id(0), 4), ErrorCode.INVALID_PARTITIONS_COUNT);
        assertError(() -> metadata.createPartitions(id(0), id(0), 1001), ErrorCode.TOO_MANY_PARTITIONS);
    }

    @Test
    void deletingAStreamFreesItsTopicScope() {
        metadata.createStream("s");
        metadata.createTopic(id(0), 1, TopicSettings.named("t"));
        metadata.createTopic(id(0), 1, TopicSettings.named("u"));
        metadata.deleteStream(id(0));

        metadata.createStream("s");
        assertThat(metadata.topics(id(0))).isEmpty();
        assertThat(metadata.createTopic(id(0), 1, TopicSettings.named("t")).id())
                .isZero();
    }

    @Test
    void usernamesAreValidatedAndUniqueOnRename() {
        assertError(() -> metadata.createUser("ab", "h", UserStatus.ACTIVE, null), ErrorCode.INVALID_USERNAME);
        assertError(
                () -> metadata.createUser("a".repeat(51), "h", UserStatus.ACTIVE, null), ErrorCode.INVALID_USERNAME);
        metadata.createUser("alice", "h", UserStatus.ACTIVE, null);
        metadata.createUser("bob", "h", UserStatus.ACTIVE, null);

        assertError(() -> metadata.updateUser(name("bob"), "alice", null), ErrorCode.USER_ALREADY_EXISTS);
        User updated = metadata.updateUser(name("bob"), "bobby", UserStatus.INACTIVE);
        assertThat(updated.username()).isEqualTo("bobby");
        assertThat(updated.status()).isEqualTo(UserStatus.INACTIVE);
        assertThat(metadata.updateUser(id(updated.id()), null, null)).isEqualTo(updated);
    }

    @Test
    void rootUserIsCreatedOnFirstBootOnlyAndIsProtected() {
        AtomicInteger hashes = new AtomicInteger();
        assertThat(metadata.ensureRootUser("iggy", () -> "hash" + hashes.incrementAndGet()))
                .isTrue();
        assertThat(metadata.ensureRootUser("other", () -> "hash" + hashes.incrementAndGet()))
                .isFalse();
        assertThat(hashes).hasValue(1);

        User root = metadata.user(id(0)).orElseThrow();
        assertThat(root.username()).isEqualTo("iggy");
        assertThat(root.permissions()).contains(Permissions.all());
        assertError(() -> metadata.deleteUser(id(0)), ErrorCode.CANNOT_DELETE_USER);
        assertError(
                () -> metadata.updatePermissions(name("iggy"), Permissions.none()),
                ErrorCode.CANNOT_CHANGE_PERMISSIONS);

        User alice = metadata.createUser("alice", "h", UserStatus.ACTIVE, null);
        assertThat(alice.id()).isEqualTo(1);
        assertThat(alice.permissions()).isEmpty();
        assertThat(metadata.updatePermissions(id(1), Permissions.none()).permissions())
                .contains(Permissions.none());
        assertThat(metadata.updatePermissions(id(1), null).permissions()).isEmpty();
    }

    @Test
    void personalAccessTokensAreLimitedPerUserAndNamed3To30Bytes() {
        metadata.close();
        metadata = Metadata.open(dir, clock, new MetadataOptions(SEGMENT_BYTES, -1, -1, 2, 1 << 20));
        metadata.ensureRootUser("root", () -> "h");
        metadata.createUser("alice", "h", UserStatus.ACTIVE, null);

        assertError(
                () -> metadata.createPersonalAccessToken(0, "ab", "x", 0),
                ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN_NAME);
        assertError(
                () -> metadata.createPersonalAccessToken(0, "a".repeat(31), "x", 0),
                ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN_NAME);
        metadata.createPersonalAccessToken(0, "one", "h1", 0);
        metadata.createPersonalAccessToken(0, "two", "h2", 0);
        assertError(
                () -> metadata.createPersonalAccessToken(0, "three", "h3", 0),
                ErrorCode.PERSONAL_ACCESS_TOKENS_LIMIT_REACHED);
        metadata.createPersonalAccessToken(1, "one", "h4", 0);

        assertThat(metadata.personalAccessTokens(0))
                .extracting(PersonalAccessToken::name)
                .containsExactly("one", "two");
        assertError(() -> metadata.createPersonalAccessToken(7, "seven", "h7", 0), ErrorCode.RESOURCE_NOT_FOUND);
        assertError(() -> metadata.deletePersonalAccessToken(0, "zzz"), ErrorCode.RESOURCE_NOT_FOUND);
        metadata.deletePersonalAccessToken(0, "one");
        assertThat(metadata.personalAccessTokenByHash("h1")).isEmpty();
    }

    @Test
    void expiredTokensAreDeletedAndDeletingAUserDeletesItsTokens() {
        metadata.ensureRootUser("root", () -> "h");
        User alice = metadata.createUser("alice", "h", UserStatus.ACTIVE, null);
        long now = clock.nowMicros();
        metadata.createPersonalAccessToken(0, "soon", "h1", now + 10);
        metadata.createPersonalAccessToken(0, "later", "h2", now + 20);
        metadata.createPersonalAccessToken(0, "never", "h3", PersonalAccessToken.NEVER);
        metadata.createPersonalAccessToken(alice.id(), "mine", "h4", PersonalAccessToken.NEVER);

        assertThat(metadata.deleteExpiredPersonalAccessTokens(now + 9)).isEmpty();
        assertThat(metadata.deleteExpiredPersonalAccessTokens(now + 10))
                .extracting(PersonalAccessToken::name)
                .containsExactly("soon");
        assertThat(metadata.personalAccessTokens(0))
                .extracting(PersonalAccessToken::name)
                .containsExactly("later", "never");

        metadata.deleteUser(name("alice"));
        assertThat(metadata.personalAccessTokenByHash("h4")).isEmpty();
    }

    @Test
    void secretsStayOutOfToString() {
        User user = metadata.createUser("alice", "$argon2id$secret-hash", UserStatus.ACTIVE, null);
        PersonalAccessToken token = metadata.createPersonalAccessToken(user.id(), "tok", "deadbeefhash", 0);

        assertThat(user.toString()).doesNotContain("secret-hash");
        assertThat(token.toString()).doesNotContain("deadbeefhash");
        assertThat(new MetadataCommand.CreateUser(1, "a", "$argon2id$secret-hash", UserStatus.ACTIVE, null, 0)
                        .toString())
                .doesNotContain("secret-hash");
    }

    @Test
    void aViewStaysUnchangedWhileTheModelMovesOn() {
        metadata.createStream("s");
        MetadataView before = metadata.view();
        metadata.createStream("t");
        metadata.deleteStream(id(0));

        assertThat(before.streams()).extracting(StreamInfo::name).containsExactly("s");
        assertThat(metadata.streams()).extracting(StreamInfo::name).containsExactly("t");
    }

    @Test
    @Timeout(30)
    void concurrentWritersGetDistinctIdsAndReadersAlwaysSeeAConsistentView() throws Exception {
        int writers = 4;
        int streamsPerWriter = 25;
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger inconsistentReads = new AtomicInteger();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                MetadataView view = metadata.view();
                List<StreamInfo> streams = view.streams();
                for (StreamInfo stream : streams) {
                    if (view.stream(Identifier.of(stream.name())).isEmpty()) {
                        inconsistentReads.incrementAndGet();
                    }
                }
            }
        });
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < streamsPerWriter; i++) {
                        metadata.createStream("w" + writer + "-" + i);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            done.set(true);
            reader.join();
        }

        assertThat(metadata.streams())
                .extracting(StreamInfo::id)
                .containsExactlyElementsOf(
                        LongStream.range(0, writers * streamsPerWriter).boxed().toList());
        assertThat(metadata.view().sequence()).isEqualTo(writers * streamsPerWriter);
        assertThat(inconsistentReads).hasValue(0);
    }
}
