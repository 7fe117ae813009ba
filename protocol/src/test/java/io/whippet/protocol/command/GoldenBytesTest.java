package io.whippet.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.Hex;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.Permissions.GlobalPermissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every "Captured" request in wire-protocol.md decodes to the expected values and re-encodes to the same bytes. */
class GoldenBytesTest {
    static final String ZERO_8 = "0000000000000000";

    @Test
    void javaCreateUserWithPermissions() {
        String hex = "05 7573657231 06 736563726574 01 01 20000000"
                + " 01 01 00 00 01 01 01 01 01 01 01 00000000 01 01 01 01 01 01 01 00000000 01 01 01 01 00 00";
        Permissions permissions = new Permissions(
                new GlobalPermissions(true, true, false, false, true, true, true, true, true, true),
                Map.of(
                        0L,
                        new StreamPermissions(
                                true,
                                true,
                                true,
                                true,
                                true,
                                true,
                                Map.of(0L, new TopicPermissions(true, true, true, true)))));
        assertGolden(hex, new CreateUser("user1", "secret", UserStatus.ACTIVE, permissions));
    }

    @Test
    void javaCreateTopic() {
        assertGolden(
                "01 04 00000000 02000000 01 " + ZERO_8 + ZERO_8 + " 00 02 7431",
                new CreateTopic(Identifier.of(0), 2, CompressionAlgorithm.NONE, 0, 0, 0, "t1"));
    }

    @Test
    void javaPollByOffset() {
        assertGolden(
                "01 01 04 07000000 01 04 00000000 01 04 00000000 01 00000000 01 0300000000000000 0a000000 01",
                new PollMessages(
                        Consumer.consumer(Identifier.of(7)),
                        Identifier.of(0),
                        Identifier.of(0),
                        OptionalPartitionId.of(0),
                        new PollingStrategy.Offset(3),
                        10,
                        true));
    }

    @Test
    void javaPollByGroupNextWithoutPartition() {
        assertGolden(
                "02 02 02 6731 01 04 00000000 01 04 00000000 00 00000000 05 0000000000000000 05000000 00",
                new PollMessages(
                        Consumer.group(Identifier.of("g1")),
                        Identifier.of(0),
                        Identifier.of(0),
                        OptionalPartitionId.absent(),
                        new PollingStrategy.Next(),
                        5,
                        false));
    }

    @Test
    void javaStoreConsumerOffset() {
        assertGolden(
                "01 01 04 07000000 01 04 00000000 01 04 00000000 01 00000000 0500000000000000",
                new StoreConsumerOffset(
                        Consumer.consumer(Identifier.of(7)),
                        Identifier.of(0),
                        Identifier.of(0),
                        OptionalPartitionId.of(0),
                        5));
    }

    @Test
    void javaUpdateUser() {
        assertGolden(
                "01 04 01000000 01 05 7573657232 01 02",
                new UpdateUser(Identifier.of(1), "user2", UserStatus.INACTIVE));
    }

    @Test
    void javaCreateStream() {
        assertGolden("02 7331", new CreateStream("s1"));
    }

    @Test
    void javaLoginShape() {
        String version = "iggy-java-sdk/0.8.0";
        String context = "Iggy Java SDK 0.8.0 (built: 2026-04-22T00:00:00Z, commit: f5350d999)";
        String hex = "04 69676779 04 69676779 " + str32(version) + str32(context);
        assertGolden(hex, new LoginUser("iggy", "iggy", version, context));
    }

    @Test
    void loginEndingAfterThePasswordIsInvalidCommand() {
        assertThatThrownBy(() -> Commands.decode(CommandCode.LOGIN_USER, Hex.buffer("04 69676779 04 69676779")))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
    }

    @Test
    void loginWithEmptyVersionAndContextIsAccepted() {
        assertGolden("04 69676779 04 69676779 00000000 00000000", new LoginUser("iggy", "iggy", "", ""));
    }

    @Test
    void javaSendWithHeaders() {
        String hex = javaSendHex();
        SendMessages expected = SendMessages.of(
                Identifier.of(0),
                Identifier.of(0),
                Partitioning.partitionId(1),
                List.of(
                        OutgoingMessage.of(
                                "hello".getBytes(StandardCharsets.UTF_8),
                                Map.of(HeaderValue.ofString("key"), HeaderValue.ofInt32(42))),
                        OutgoingMessage.of("world".getBytes(StandardCharsets.UTF_8))));
        assertGolden(hex, expected);
        SendMessages decoded = SendMessages.decode(Hex.buffer(hex));
        assertThat(decoded.messagesCount()).isEqualTo(2);
        assertThat(decoded.messages().remaining()).isEqualTo(0x9b);
    }

    /** wire-protocol.md §6.9: stream 0, topic 0, partition 1, "hello" with header key->int32 42, then "world". */
    static String javaSendHex() {
        return "16000000 01 04 00000000 01 04 00000000 02 04 01000000 02000000"
                + " 00000000 56000000 " + ZERO_8 + " 00000000 9b000000 " + ZERO_8
                + messageHeader(0x11, 5) + "68656c6c6f" + "02 03000000 6b6579 06 04000000 2a000000"
                + messageHeader(0, 5) + "776f726c64";
    }

    private static String messageHeader(int headersLength, int payloadLength) {
        return ZERO_8 + ZERO_8 + ZERO_8 + ZERO_8 + ZERO_8 + ZERO_8 + le32(headersLength) + le32(payloadLength) + ZERO_8;
    }

    private static String le32(int value) {
        return HexFormat.of().toHexDigits(Integer.reverseBytes(value));
    }

    private static String str32(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return le32(bytes.length) + HexFormat.of().formatHex(bytes);
    }

    private static void assertGolden(String hex, Command expected) {
        byte[] bytes = Hex.bytes(hex);
        Command decoded = Commands.decode(expected.code(), Hex.buffer(bytes));
        assertThat(decoded).isEqualTo(expected);
        assertThat(Hex.toBytes(Commands.encodePayload(decoded))).isEqualTo(bytes);
        assertThat(Hex.toBytes(Commands.encodePayload(expected))).isEqualTo(bytes);
    }
}
