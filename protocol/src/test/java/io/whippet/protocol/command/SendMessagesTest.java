package io.whippet.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Hex;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SendMessages validation, one test per rejection (wire-protocol.md §6.9), plus the zero-copy
 * paths. The base batch: numeric stream and topic, partition id, so metadata is 22 bytes, the
 * index starts at 26 and message 0 at 26 + 16 × count.
 */
class SendMessagesTest {
    private static final int COUNT_AT = 4 + 6 + 6 + 6;
    private static final int INDEX_AT = 26;

    private static byte[] batch(int... payloadSizes) {
        List<OutgoingMessage> messages = Arrays.stream(payloadSizes)
                .mapToObj(size -> OutgoingMessage.of(new byte[size]))
                .toList();
        SendMessages send = SendMessages.of(Identifier.of(0), Identifier.of(1), Partitioning.partitionId(2), messages);
        return Hex.toBytes(Commands.encodePayload(send));
    }

    private static int messageAt(byte[] payload, int count) {
        return INDEX_AT + 16 * count;
    }

    @Test
    void decodeKeepsAViewOfTheMessageAreaInsteadOfACopy() {
        byte[] bytes = batch(5, 7);
        SendMessages decoded = SendMessages.decode(Hex.buffer(bytes));
        assertThat(decoded.messagesCount()).isEqualTo(2);
        assertThat(decoded.messages().order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(decoded.messages().remaining()).isEqualTo(64 + 5 + 64 + 7);
        bytes[messageAt(bytes, 2) + MessageLayout.ID_OFFSET] = 9;
        assertThat(decoded.messages().get(MessageLayout.ID_OFFSET)).isEqualTo((byte) 9);
    }

    @Test
    void prefixPlusMessageAreaIsTheWholePayload() {
        byte[] bytes = batch(1, 2, 3);
        SendMessages decoded = SendMessages.decode(Hex.buffer(bytes));
        ByteBuffer prefix = ByteBuffer.allocate(decoded.prefixSize()).order(ByteOrder.LITTLE_ENDIAN);
        decoded.encodePrefix(prefix);
        byte[] joined = new byte[bytes.length];
        System.arraycopy(prefix.array(), 0, joined, 0, prefix.capacity());
        decoded.messages()
                .duplicate()
                .get(joined, prefix.capacity(), decoded.messages().remaining());
        assertThat(joined).isEqualTo(bytes);
    }

    @Test
    void laidOutAreaIsCountedFromItsHeaders() {
        byte[] bytes = batch(0, 10, 100);
        ByteBuffer area = Hex.buffer(bytes).position(messageAt(bytes, 3));
        SendMessages wrapped =
                SendMessages.ofLaidOut(Identifier.of(0), Identifier.of(1), Partitioning.partitionId(2), area);
        assertThat(wrapped.messagesCount()).isEqualTo(3);
        assertThat(Hex.toBytes(Commands.encodePayload(wrapped))).isEqualTo(bytes);
    }

    @Test
    void laidOutAreaWhoseHeadersOverrunItIsRefused() {
        byte[] bytes = batch(10);
        ByteBuffer area = Hex.buffer(Arrays.copyOfRange(bytes, messageAt(bytes, 1), bytes.length - 1));
        assertThatThrownBy(
                        () -> SendMessages.ofLaidOut(Identifier.of(0), Identifier.of(1), Partitioning.balanced(), area))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void zeroMessagesCountIsInvalidMessagesCount() {
        byte[] bytes = batch(5);
        putInt(bytes, COUNT_AT, 0);
        assertCode(bytes, ErrorCode.INVALID_MESSAGES_COUNT);
    }

    @Test
    void indexTableLongerThanTheFrameIsInvalidIndexesCount() {
        byte[] bytes = batch(5);
        putInt(bytes, COUNT_AT, 1000);
        assertCode(bytes, ErrorCode.INVALID_INDEXES_COUNT);
    }

    @Test
    void nonZeroIndexOffsetIsNonZeroOffset() {
        byte[] bytes = batch(5);
        bytes[INDEX_AT] = 1;
        assertCode(bytes, ErrorCode.NON_ZERO_OFFSET);
    }

    @Test
    void nonZeroIndexTimestampIsNonZeroTimestamp() {
        byte[] bytes = batch(5);
        bytes[INDEX_AT + 15] = 1;
        assertCode(bytes, ErrorCode.NON_ZERO_TIMESTAMP);
    }

    @Test
    void messageShorterThanItsHeaderIsTooSmallMessage() {
        byte[] bytes = batch(5, 5);
        putInt(bytes, INDEX_AT + 4, 63);
        assertCode(bytes, ErrorCode.TOO_SMALL_MESSAGE);
    }

    @Test
    void positionsGoingBackwardsAreInvalidMessagesSize() {
        byte[] bytes = batch(5, 5);
        putInt(bytes, INDEX_AT + 16 + 4, 60);
        assertCode(bytes, ErrorCode.INVALID_MESSAGES_SIZE);
    }

    @Test
    void positionBeyondTheAreaIsInvalidMessagesSize() {
        byte[] bytes = batch(5);
        putInt(bytes, INDEX_AT + 4, 70);
        assertCode(bytes, ErrorCode.INVALID_MESSAGES_SIZE);
    }

    @Test
    void payloadOverTheLimitIsTooBigMessagePayload() {
        byte[] bytes = batch(5);
        putInt(bytes, messageAt(bytes, 1) + MessageLayout.PAYLOAD_LENGTH_OFFSET, MessageLayout.MAX_PAYLOAD_SIZE + 1);
        assertCode(bytes, ErrorCode.TOO_BIG_MESSAGE_PAYLOAD);
    }

    @Test
    void userHeadersOverTheLimitAreTooBigUserHeaders() {
        byte[] bytes = batch(5);
        putInt(
                bytes,
                messageAt(bytes, 1) + MessageLayout.USER_HEADERS_LENGTH_OFFSET,
                MessageLayout.MAX_USER_HEADERS_SIZE + 1);
        assertCode(bytes, ErrorCode.TOO_BIG_USER_HEADERS);
    }

    @Test
    void headerLengthsDisagreeingWithTheIndexAreInvalidMessagesSize() {
        byte[] bytes = batch(5, 5);
        putInt(bytes, messageAt(bytes, 2) + MessageLayout.PAYLOAD_LENGTH_OFFSET, 6);
        assertCode(bytes, ErrorCode.INVALID_MESSAGES_SIZE);
    }

    @Test
    void trailingBytesMakeTheSizesNotAddUp() {
        byte[] bytes = batch(5);
        assertCode(Arrays.copyOf(bytes, bytes.length + 1), ErrorCode.INVALID_MESSAGES_SIZE);
    }

    @Test
    void badStreamIdentifierIsInvalidIdentifier() {
        byte[] bytes = batch(5);
        bytes[4] = 9;
        assertCode(bytes, ErrorCode.INVALID_IDENTIFIER);
        byte[] emptyName = batch(5);
        emptyName[4] = 2;
        emptyName[5] = 0;
        assertCode(emptyName, ErrorCode.INVALID_IDENTIFIER);
    }

    @Test
    void identifierCutByTheMetadataLengthIsInvalidIdentifier() {
        byte[] bytes = batch(5);
        putInt(bytes, 0, 8);
        assertCode(bytes, ErrorCode.INVALID_IDENTIFIER);
    }

    @Test
    void badPartitioningIsInvalidCommand() {
        byte[] bytes = batch(5);
        bytes[4 + 12] = 9;
        assertCode(bytes, ErrorCode.INVALID_COMMAND);
    }

    @Test
    void metadataLengthBeyondThePayloadIsInvalidCommand() {
        byte[] bytes = batch(5);
        putInt(bytes, 0, bytes.length);
        assertCode(bytes, ErrorCode.INVALID_COMMAND);
    }

    @Test
    void outgoingMessageLayoutPutsThePayloadBeforeTheHeaders() {
        OutgoingMessage message = new OutgoingMessage(
                0x0102,
                0x0304,
                new byte[] {7},
                Map.of(io.whippet.protocol.HeaderValue.ofString("k"), io.whippet.protocol.HeaderValue.ofBool(true)),
                99);
        ByteBuffer out = ByteBuffer.allocate(message.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        message.encode(out);
        assertThat(out.getLong(MessageLayout.ID_OFFSET)).isEqualTo(0x0102);
        assertThat(out.getLong(MessageLayout.ID_OFFSET + 8)).isEqualTo(0x0304);
        assertThat(out.getLong(MessageLayout.ORIGIN_TIMESTAMP_OFFSET)).isEqualTo(99);
        assertThat(out.getInt(MessageLayout.USER_HEADERS_LENGTH_OFFSET)).isEqualTo(12);
        assertThat(out.getInt(MessageLayout.PAYLOAD_LENGTH_OFFSET)).isEqualTo(1);
        assertThat(out.get(64)).isEqualTo((byte) 7);
        assertThat(out.get(65)).isEqualTo((byte) 2); // string kind of the header key
    }

    @Test
    void explicitIdGoesOnTheWireAsGiven() {
        byte[] id = Hex.bytes("ffeeddccbbaa99887766554433221100");
        OutgoingMessage message = OutgoingMessage.withId(id, new byte[0], Map.of(), 0);
        ByteBuffer out = ByteBuffer.allocate(message.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        message.encode(out);
        assertThat(Arrays.copyOfRange(out.array(), 8, 24)).isEqualTo(id);
    }

    private static void putInt(byte[] bytes, int at, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    }

    private static void assertCode(byte[] payload, ErrorCode code) {
        assertThatThrownBy(() -> SendMessages.decode(Hex.buffer(payload)))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
