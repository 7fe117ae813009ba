package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PartitioningTest {
    @Test
    void eachKindRoundTrips() {
        assertRoundTrip(Partitioning.balanced(), "0100");
        assertRoundTrip(Partitioning.partitionId(1), "020401000000");
        assertRoundTrip(Partitioning.messagesKey(new byte[] {'k', 'e', 'y'}), "03036b6579");
    }

    @Test
    void balancedWithAValueIsInvalidCommand() {
        assertCode("01 01 00");
    }

    @Test
    void partitionIdWithLengthOtherThanFourIsInvalidCommand() {
        assertCode("02 08 0100000000000000");
    }

    @Test
    void emptyMessagesKeyIsInvalidCommand() {
        assertCode("03 00");
    }

    @Test
    void unknownKindOrTruncationIsInvalidCommand() {
        assertCode("04 00");
        assertCode("00 00");
        assertCode("02 04 0100");
        assertCode("03 05 6b6579");
        assertCode("02");
    }

    private static void assertRoundTrip(Partitioning partitioning, String hex) {
        ByteBuffer out = ByteBuffer.allocate(partitioning.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        partitioning.encode(out);
        assertThat(out.array()).isEqualTo(Hex.bytes(hex));
        assertThat(Partitioning.decode(out.flip())).isEqualTo(partitioning);
    }

    private static void assertCode(String hex) {
        assertThatThrownBy(() -> Partitioning.decode(Hex.buffer(hex)))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
    }
}
