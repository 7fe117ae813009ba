package io.whippet.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.Permissions.GlobalPermissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataRecoveryTest {
    private static final MetadataOptions NO_SNAPSHOTS =
            MetadataOptions.defaults().withSegmentSizeBytes(1024).withSnapshotThresholdBytes(Long.MAX_VALUE);

    private static final long START_MICROS = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(START_MICROS);

    private static Identifier id(long id) {
        return Identifier.of(id);
    }

    /** Touches every command type, with deletions in between so the id slabs have history. */
    private void workload(Metadata metadata) {
        metadata.ensureRootUser("root", () -> "root-hash");
        for (int i = 0; i < 4; i++) {
            metadata.createStream("stream-" + i);
            clock.advanceMicros(7);
        }
        metadata.deleteStream(id(1));
        metadata.deleteStream(id(2));
        metadata.createStream("reborn");
        metadata.updateStream(id(0), "renamed");
        metadata.createTopic(id(0), 3, new TopicSettings("t0", CompressionAlgorithm.GZIP, 9, 4096, 2));
        metadata.createTopic(id(0), 1, TopicSettings.named("t1"));
        metadata.createTopic(id(3), 2, TopicSettings.named("t0"));
        metadata.deleteTopic(id(0), id(0));
        metadata.createTopic(id(0), 2, TopicSettings.named("t2"));
        metadata.updateTopic(id(0), id(1), new TopicSettings("t1b", CompressionAlgorithm.NONE, 0, 0, 0));
        metadata.createPartitions(id(0), id(1), 4);
        metadata.deletePartitions(id(0), id(1), 2);
        metadata.createConsumerGroup(id(0), id(1), "g0");
        metadata.createConsumerGroup(id(0), id(1), "g1");
        metadata.deleteConsumerGroup(id(0), id(1), id(0));
        Permissions permissions = new Permissions(
                new GlobalPermissions(false, true, false, true, false, true, false, true, false, false),
                Map.of(
                        3L,
                        new StreamPermissions(
                                true,
                                false,
                                true,
                                false,
                                true,
                                false,
                                Map.of(0L, new TopicPermissions(false, true, false, true)))));
        metadata.createUser("alice", "alice-hash", UserStatus.ACTIVE, permissions);
        metadata.createUser("bob", "bob-hash", UserStatus.INACTIVE, null);
        metadata.createUser("carol", "carol-hash", UserStatus.ACTIVE, Permissions.none());
        metadata.deleteUser(Identifier.of("bob"));
        metadata.updateUser(Identifier.of("carol"), "caroline", UserStatus.INACTIVE);
        metadata.updatePermissions(Identifier.of("alice"), null);
        metadata.changePassword(Identifier.of("alice"), "alice-hash-2");
        metadata.createPersonalAccessToken(0, "ci-token", "hash-ci", 0);
        metadata.createPersonalAccessToken(1, "dev", "hash-dev", clock.nowMicros() + 5);
        metadata.createPersonalAccessToken(1, "ops", "hash-ops", 0);
        metadata.deletePersonalAccessToken(1, "ops");
    }

    private Metadata open(MetadataOptions options) {
        return Metadata.open(dir, clock, options);
    }

    @Test
    void replayAfterRestartRebuildsTheSameModel() {
        MetadataView before;
        try (Metadata metadata = open(NO_SNAPSHOTS)) {
            workload(metadata);
            before = metadata.view();
        }
        try (Metadata reopened = open(NO_SNAPSHOTS)) {
            assertThat(reopened.view().sameStateAs(before)).isTrue();
            assertThat(reopened.view().sequence()).isEqualTo(before.sequence());
            // The slabs came back too: the next ids are the ones the old process would have used.
            assertThat(reopened.createStream("next").id()).isEqualTo(1);
            assertThat(reopened.createUser("dave", "h", UserStatus.ACTIVE, null).id())
                    .isEqualTo(2);
        }
    }

    @Test
    void tornTailIsDroppedAtEveryCutOfTheLastEntryAndTheRestIsKept() throws IOException {
        MetadataView beforeLast;
        long lastEntryStart;
        try (Metadata metadata = open(NO_SNAPSHOTS)) {
            workload(metadata);
            beforeLast = metadata.view();
            lastEntryStart = Files.size(dir.resolve(MetadataLog.FILE_NAME));
            metadata.createStream("last one");
        }
        byte[] full = Files.readAllBytes(dir.resolve(MetadataLog.FILE_NAME));
        assertThat(full.length).isGreaterThan((int) lastEntryStart + MetadataLog.HEADER_BYTES);

        for (int cut = (int) lastEntryStart; cut < full.length; cut++) {
            Path copy = Files.createDirectories(dir.resolve("cut-" + cut));
            Files.write(copy.resolve(MetadataLog.FILE_NAME), Arrays.copyOf(full, cut));
            try (Metadata recovered = Metadata.open(copy, clock, NO_SNAPSHOTS)) {
                assertThat(recovered.view().sameStateAs(beforeLast))
                        .as("cut at %d", cut)
                        .isTrue();
                assertThat(Files.size(copy.resolve(MetadataLog.FILE_NAME))).isEqualTo(lastEntryStart);
                recovered.createStream("after recovery");
            }
            try (Metadata again = Metadata.open(copy, clock, NO_SNAPSHOTS)) {
                assertThat(again.stream(Identifier.of("after recovery"))).isPresent();
            }
        }
    }

    @Test
    void zeroFilledTailIsTreatedAsTorn() throws IOException {
        MetadataView before;
        try (Metadata metadata = open(NO_SNAPSHOTS)) {
            workload(metadata);
            before = metadata.view();
        }
        Path log = dir.resolve(MetadataLog.FILE_NAME);
        long size = Files.size(log);
        Files.write(log, new byte[4096], java.nio.file.StandardOpenOption.APPEND);

        try (Metadata recovered = open(NO_SNAPSHOTS)) {
            assertThat(recovered.view().sameStateAs(before)).isTrue();
            assertThat(Files.size(log)).isEqualTo(size);
        }
    }

    @Test
    void corruptedMiddleEntryFailsStartUpInsteadOfDroppingLaterEntries() throws IOException {
        try (Metadata metadata = open(NO_SNAPSHOTS)) {
            workload(metadata);
        }
        Path log = dir.resolve(MetadataLog.FILE_NAME);
        byte[] bytes = Files.readAllBytes(log);
        bytes[MetadataLog.HEADER_BYTES + 1] ^= 0x5A; // inside the first entry's payload
        Files.write(log, bytes);

        assertThatThrownBy(() -> open(NO_SNAPSHOTS))
                .isInstanceOf(WhippetException.class)
                .hasMessageContaining("corrupt at byte 0")
                .extracting(e -> ((WhippetException) e).errorCode())
                .isEqualTo(ErrorCode.CANNOT_READ_FILE);
        assertThat(Files.readAllBytes(log)).isEqualTo(bytes);
    }

    @Test
    void snapshotPlusTailEqualsFullReplay() throws IOException {
        Path reference = Files.createDirectories(dir.resolve("reference"));
        Path compacted = Files.createDirectories(dir.resolve("compacted"));
        MetadataOptions smallThreshold = NO_SNAPSHOTS.withSnapshotThresholdBytes(300);
        MetadataView expected;
        try (Metadata full = Metadata.open(reference, clock, NO_SNAPSHOTS)) {
            workload(full);
            expected = full.view();
        }
        clock.set(START_MICROS); // the same timestamps for the second run
        try (Metadata withSnapshots = Metadata.open(compacted, clock, smallThreshold)) {
            workload(withSnapshots);
        }
        assertThat(compacted.resolve(MetadataSnapshot.FILE_NAME)).exists();
        assertThat(Files.size(compacted.resolve(MetadataLog.FILE_NAME))).isLessThanOrEqualTo(300);

        try (Metadata reopened = Metadata.open(compacted, clock, smallThreshold)) {
            assertThat(reopened.view().sameStateAs(expected)).isTrue();
            assertThat(reopened.view().sequence()).isEqualTo(expected.sequence());
        }
    }

    @Test
    void entriesAlreadyInTheSnapshotAreSkippedWhenTheLogWasNotYetEmptied() throws IOException {
        MetadataView before;
        Path log = dir.resolve(MetadataLog.FILE_NAME);
        byte[] logBeforeCompaction;
        try (Metadata metadata = open(NO_SNAPSHOTS)) {
            workload(metadata);
            logBeforeCompaction = Files.readAllBytes(log);
            metadata.compact();
            assertThat(Files.size(log)).isZero();
            before = metadata.view();
        }
        // A crash after the snapshot's rename but before the log was emptied leaves both.
        Files.write(log, logBeforeCompaction);

        try (Metadata reopened = open(NO_SNAPSHOTS)) {
            assertThat(reopened.view().sameStateAs(before)).isTrue();
            reopened.createStream("continues");
        }
        try (Metadata again = open(NO_SNAPSHOTS)) {
            assertThat(again.stream(Identifier.of("continues"))).isPresent();
            assertThat(again.view().sequence()).isEqualTo(before.sequence() + 1);
        }
    }

    @Test
    void damagedSnapshotFailsStartUp() throws IOException {
        try (Metadata metadata = open(NO_SNAPSHOTS)) {
            workload(metadata);
            metadata.compact();
        }
        Path snapshot = dir.resolve(MetadataSnapshot.FILE_NAME);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 1;
        Files.write(snapshot, bytes);

        assertThatThrownBy(() -> open(NO_SNAPSHOTS))
                .isInstanceOf(WhippetException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        try (Metadata first = open(NO_SNAPSHOTS)) {
            first.createStream("s");
            assertThatThrownBy(() -> open(NO_SNAPSHOTS))
                    .isInstanceOf(WhippetException.class)
                    .hasMessageContaining("in use");
            first.createStream("still writable");
        }
        try (Metadata again = open(NO_SNAPSHOTS)) {
            assertThat(again.streams()).hasSize(2);
        }
    }

    @Test
    void everyCommandSurvivesTheCodecRoundTrip() {
        var commands = new MetadataCommand[] {
            new MetadataCommand.CreateStream(1, "s", 2),
            new MetadataCommand.UpdateStream(1, "t"),
            new MetadataCommand.DeleteStream(1),
            new MetadataCommand.CreateTopic(1, 2, "t", 3, 4, CompressionAlgorithm.GZIP, -1, -1, 255),
            new MetadataCommand.UpdateTopic(1, 2, "u", CompressionAlgorithm.NONE, 5, 6, 1),
            new MetadataCommand.DeleteTopic(1, 2),
            new MetadataCommand.CreatePartitions(1, 2, 3, 4),
            new MetadataCommand.DeletePartitions(1, 2, 3),
            new MetadataCommand.CreateConsumerGroup(1, 2, 3, "g"),
            new MetadataCommand.DeleteConsumerGroup(1, 2, 3),
            new MetadataCommand.CreateUser(4294967295L, "user", "hash", UserStatus.INACTIVE, Permissions.all(), 9),
            new MetadataCommand.CreateUser(1, "user", "hash", UserStatus.ACTIVE, null, 9),
            new MetadataCommand.UpdateUser(1, "name", UserStatus.INACTIVE),
            new MetadataCommand.UpdatePermissions(1, null),
            new MetadataCommand.ChangePassword(1, "hash"),
            new MetadataCommand.DeleteUser(1),
            new MetadataCommand.CreatePersonalAccessToken(1, "pat", "abc", 77),
            new MetadataCommand.DeletePersonalAccessToken(1, "pat"),
        };
        for (MetadataCommand command : commands) {
            byte[] payload = MetadataCommandCodec.encode(command);
            MetadataCommand decoded = MetadataCommandCodec.decode(command.type(), payload);
            assertThat(decoded).usingRecursiveComparison().isEqualTo(command);
            if (payload.length > 0) {
                assertThatThrownBy(() ->
                                MetadataCommandCodec.decode(command.type(), Arrays.copyOf(payload, payload.length - 1)))
                        .isInstanceOf(WhippetException.class);
            }
        }
    }
}
