package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Consumer, optional partition id and polling strategy: the fixed-shape parts of polls and offsets. */
class SmallCodecsTest {
    @Test
    void consumerDecodesKindAndIdentifier() {
        assertThat(Consumer.decode(Hex.buffer("01 01 04 07000000"))).isEqualTo(Consumer.consumer(Identifier.of(7)));
        assertThat(Consumer.decode(Hex.buffer("02 02 02 6731"))).isEqualTo(Consumer.group(Identifier.of("g1")));
    }

    @Test
    void consumerKindOtherThanOneOrTwoIsInvalidCommand() {
        assertCode(() -> Consumer.decode(Hex.buffer("03 01 04 07000000")), ErrorCode.INVALID_COMMAND);
    }

    @Test
    void partitionFlagOfOneMeansPresentAndAnythingElseAbsent() {
        assertThat(OptionalPartitionId.decode(Hex.buffer("01 05000000"))).isEqualTo(OptionalPartitionId.of(5));
        OptionalPartitionId absent = OptionalPartitionId.decode(Hex.buffer("02 00000000"));
        assertThat(absent.present()).isFalse();
        assertThat(absent.orElse(0)).isZero();
        assertThat(OptionalPartitionId.decode(Hex.buffer("00 00000000"))).isEqualTo(OptionalPartitionId.absent());
    }

    @Test
    void partitionIdIsFiveBytesEvenWhenAbsent() {
        assertCode(() -> OptionalPartitionId.decode(Hex.buffer("00 000000")), ErrorCode.INVALID_COMMAND);
        ByteBuffer out = ByteBuffer.allocate(5);
        OptionalPartitionId.absent().encode(out);
        assertThat(out.position()).isEqualTo(OptionalPartitionId.ENCODED_SIZE);
    }

    @Test
    void pollingStrategyKindsDecode() {
        assertThat(PollingStrategy.decode(Hex.buffer("01 0300000000000000"))).isEqualTo(new PollingStrategy.Offset(3));
        assertThat(PollingStrategy.decode(Hex.buffer("02 0100000000000000")))
                .isEqualTo(new PollingStrategy.Timestamp(1));
        assertThat(PollingStrategy.decode(Hex.buffer("03 0900000000000000"))).isEqualTo(new PollingStrategy.First());
        assertThat(PollingStrategy.decode(Hex.buffer("04 0000000000000000"))).isEqualTo(new PollingStrategy.Last());
        assertThat(PollingStrategy.decode(Hex.buffer("05 0000000000000000"))).isEqualTo(new PollingStrategy.Next());
    }

    @Test
    void unknownPollingStrategyOrShortValueIsInvalidCommand() {
        assertCode(() -> PollingStrategy.decode(Hex.buffer("06 0000000000000000")), ErrorCode.INVALID_COMMAND);
        assertCode(() -> PollingStrategy.decode(Hex.buffer("00 0000000000000000")), ErrorCode.INVALID_COMMAND);
        assertCode(() -> PollingStrategy.decode(Hex.buffer("01 00000000000000")), ErrorCode.INVALID_COMMAND);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
