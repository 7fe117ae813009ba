package io.whippet.protocol.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Hex;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fixed sizes and offsets of reply records, as wire-protocol.md §4 gives them. */
class ResponseLayoutTest {
    @Test
    void recordSizesMatchTheSpec() {
        assertThat(ResponseSamples.stream().encodedSize()).isEqualTo(33 + 2);
        assertThat(ResponseSamples.topic(0).encodedSize()).isEqualTo(51 + 2);
        assertThat(ResponseSamples.partition(0).encodedSize()).isEqualTo(40);
        assertThat(new ConsumerGroupInfo(0, 0, 0, "g").encodedSize()).isEqualTo(13 + 1);
        assertThat(new ConsumerOffsetInfo(0, 0, 0).encodedSize()).isEqualTo(20);
        assertThat(ResponseSamples.client(0).encodedSize()).isEqualTo(17 + "127.0.0.1:54321".length());
        assertThat(ResponseSamples.user().encodedSize()).isEqualTo(14 + 4);
        assertThat(new Identity(7).encodedSize()).isEqualTo(4);
        assertThat(new CacheMetric(0, 0, 0, 0, 0, 0).encodedSize()).isEqualTo(32);
    }

    @Test
    void userWithoutPermissionsEndsWithFourZeroBytes() {
        ByteBuffer payload = Responses.encodePayload(new UserDetails(ResponseSamples.user(), null));
        String hex = Hex.hex(payload);
        assertThat(hex).endsWith("0469676779" + "00000000");
    }

    @Test
    void userWithoutPermissionsMissingItsPaddingIsInvalidCommand() {
        byte[] bytes = Hex.toBytes(Responses.encodePayload(new UserDetails(ResponseSamples.user(), null)));
        ByteBuffer cut = Hex.buffer(java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> UserDetails.decode(cut))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
    }

    @Test
    void statsStringsStartAfterTheFixedPart() {
        ByteBuffer payload = Responses.encodePayload(ResponseSamples.stats());
        assertThat(payload.getInt(Stats.FIXED_PART_BYTES)).isEqualTo("host".length());
        assertThat(payload.getInt(100)).isEqualTo(3); // clients_count
        assertThat(payload.getInt(104)).isEqualTo(1); // consumer_groups_count
        assertThat(payload.getLong(92)).isEqualTo(100); // messages_count
    }

    @Test
    void clientWithoutLoginReportsAllOnesAsUserId() {
        ByteBuffer payload = Responses.encodePayload(ResponseSamples.client(0));
        assertThat(payload.getInt(4)).isEqualTo(-1);
        assertThat(payload.get(8)).isEqualTo((byte) 1);
    }

    @Test
    void clientDetailsMustListExactlyItsGroupCount() {
        assertThatThrownBy(() -> new ClientDetails(ResponseSamples.client(1), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownTransportOrNodeRoleIsInvalidCommand() {
        byte[] client = Hex.toBytes(Responses.encodePayload(ResponseSamples.client(0)));
        client[8] = 5;
        assertThatThrownBy(() -> ClientInfo.decode(Hex.buffer(client)))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
        assertThatThrownBy(() -> ClusterNode.Role.fromCode(2)).isInstanceOf(WhippetException.class);
    }

    @Test
    void pollReplyHeaderIsSixteenBytesThenMessages() {
        PolledMessage first = ResponseSamples.message(3, "hello", Map.of());
        PolledMessages polled = PolledMessages.of(2, 3, List.of(first));
        ByteBuffer payload = Responses.encodePayload(polled);
        assertThat(payload.getInt(0)).isEqualTo(2);
        assertThat(payload.getLong(4)).isEqualTo(3);
        assertThat(payload.getInt(12)).isEqualTo(1);
        assertThat(payload.remaining()).isEqualTo(PolledMessages.HEADER_BYTES + 64 + 5);

        PolledMessages decoded = PolledMessages.decode(payload);
        assertThat(decoded.decodeMessages()).containsExactly(first);
    }

    @Test
    void pollReplyCountIsNotTrustedWhenReadingMessages() {
        PolledMessage message = ResponseSamples.message(0, "x", Map.of());
        PolledMessages lying = new PolledMessages(
                0, 0, 5, PolledMessages.of(0, 0, List.of(message)).messages());
        assertThat(PolledMessages.decode(Responses.encodePayload(lying)).decodeMessages())
                .containsExactly(message);
    }

    @Test
    void pollReplyWithACutMessageIsInvalidCommand() {
        PolledMessages polled = PolledMessages.of(0, 0, List.of(ResponseSamples.message(0, "hello", Map.of())));
        byte[] bytes = Hex.toBytes(Responses.encodePayload(polled));
        PolledMessages cut = PolledMessages.decode(Hex.buffer(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertThatThrownBy(cut::decodeMessages)
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
    }

    @Test
    void polledMessageReadsTheStoredHeaderFields() {
        PolledMessage message = PolledMessage.decode(Hex.buffer("efcdab8967452301"
                + "0100000000000000 0000000000000000" + "0700000000000000" + "0800000000000000"
                + "0900000000000000" + "00000000" + "02000000" + "0000000000000000" + "6869"));
        assertThat(message.checksum()).isEqualTo(0x0123456789abcdefL);
        assertThat(message.idLow()).isEqualTo(1);
        assertThat(message.offset()).isEqualTo(7);
        assertThat(message.timestampMicros()).isEqualTo(8);
        assertThat(message.originTimestampMicros()).isEqualTo(9);
        assertThat(message.payload()).containsExactly('h', 'i');
    }
}
