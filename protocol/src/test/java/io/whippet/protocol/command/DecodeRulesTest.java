package io.whippet.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Hex;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import org.junit.jupiter.api.Test;

/** The decode-time rules wire-protocol.md assigns to particular commands (§1, §2.1, §5, §6). */
class DecodeRulesTest {
    @Test
    void userStatusOtherThanActiveOrInactiveIsInvalidCommand() {
        assertCode(CommandCode.CREATE_USER, "05 7573657231 06 736563726574 03 00", ErrorCode.INVALID_COMMAND);
        assertCode(CommandCode.UPDATE_USER, "01 04 01000000 00 01 00", ErrorCode.INVALID_COMMAND);
    }

    @Test
    void permissionsFlagOtherThanOneMeansNoBlock() {
        Command decoded = decode(CommandCode.CREATE_USER, "05 7573657231 06 736563726574 01 02");
        assertThat(decoded).isEqualTo(new CreateUser("user1", "secret", UserStatus.ACTIVE, null));
    }

    @Test
    void permissionsLengthMismatchIsInvalidFormat() {
        assertCode(
                CommandCode.UPDATE_PERMISSIONS,
                "01 04 01000000 01 0c000000 0000000000000000000000",
                ErrorCode.INVALID_FORMAT);
    }

    @Test
    void compressionOtherThanNoneOrGzipIsInvalidCommand() {
        String tail = " 0000000000000000 0000000000000000 00 02 7431";
        assertCode(CommandCode.CREATE_TOPIC, "01 04 00000000 02000000 00" + tail, ErrorCode.INVALID_COMMAND);
        assertCode(CommandCode.CREATE_TOPIC, "01 04 00000000 02000000 03" + tail, ErrorCode.INVALID_COMMAND);
    }

    @Test
    void emptyNamesAreInvalidFormat() {
        assertCode(CommandCode.CREATE_STREAM, "00", ErrorCode.INVALID_FORMAT);
        assertCode(CommandCode.CREATE_CONSUMER_GROUP, "01 04 00000000 01 04 00000000 00", ErrorCode.INVALID_FORMAT);
        assertCode(CommandCode.LOGIN_USER, "00 04 69676779 00000000 00000000", ErrorCode.INVALID_FORMAT);
        assertCode(CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN, "00", ErrorCode.INVALID_FORMAT);
    }

    @Test
    void passwordLengthIsLeftToTheHandler() {
        assertThat(decode(CommandCode.LOGIN_USER, "04 69676779 00 00000000 00000000"))
                .isEqualTo(new LoginUser("iggy", "", "", ""));
    }

    @Test
    void identifierRulesApplyInsideCommands() {
        assertCode(CommandCode.GET_STREAM, "01 02 0000", ErrorCode.INVALID_FORMAT);
        assertCode(CommandCode.GET_STREAM, "07 04 00000000", ErrorCode.INVALID_COMMAND);
    }

    @Test
    void snapshotAllTogetherWithOtherTypesIsInvalidCommand() {
        assertCode(CommandCode.GET_SNAPSHOT, "02 02 64 01", ErrorCode.INVALID_COMMAND);
        assertCode(CommandCode.GET_SNAPSHOT, "02 01 07", ErrorCode.INVALID_COMMAND);
        assertCode(CommandCode.GET_SNAPSHOT, "07 00", ErrorCode.INVALID_COMMAND);
        assertThat(decode(CommandCode.GET_SNAPSHOT, "02 01 64"))
                .isEqualTo(new GetSnapshot(
                        GetSnapshot.Compression.DEFLATED, java.util.List.of(GetSnapshot.SnapshotType.ALL)));
    }

    @Test
    void pollBoolIsNonZeroAndPartitionFlagIsEqualsOne() {
        PollMessages poll = (PollMessages) decode(
                CommandCode.POLL_MESSAGES,
                "01 01 04 07000000 01 04 00000000 01 04 00000000 02 09000000 03 0000000000000000 01000000 05");
        assertThat(poll.autoCommit()).isTrue();
        assertThat(poll.partitionId().present()).isFalse();
        assertThat(poll.partitionId()).isEqualTo(new OptionalPartitionId(false, 9));
        assertThat(poll.streamId()).isEqualTo(Identifier.of(0));
    }

    @Test
    void unknownConsumerKindIsInvalidCommand() {
        assertCode(
                CommandCode.GET_CONSUMER_OFFSET,
                "03 01 04 07000000 01 04 00000000 01 04 00000000 00 00000000",
                ErrorCode.INVALID_COMMAND);
    }

    private static Command decode(CommandCode code, String hex) {
        return Commands.decode(code, Hex.buffer(hex));
    }

    private static void assertCode(CommandCode code, String hex, ErrorCode expected) {
        assertThatThrownBy(() -> decode(code, hex))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(expected));
    }
}
