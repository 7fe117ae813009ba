package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FramesTest {
    @Test
    void requestLengthCountsTheCommandCodeButNotItself() {
        ByteBuffer out = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        Frames.encodeRequestHeader(out, CommandCode.CREATE_STREAM, 3);
        assertThat(out.array()).isEqualTo(Hex.bytes("07000000 ca000000"));
    }

    @Test
    void errorResponseIsStatusWithZeroLength() {
        assertThat(Hex.toBytes(Frames.errorResponse(ErrorCode.STREAM_ID_NOT_FOUND)))
                .isEqualTo(Hex.bytes("f1030000 00000000"));
    }

    @Test
    void okHeaderCarriesThePayloadLength() {
        ByteBuffer out = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        Frames.encodeOkHeader(out, 4);
        assertThat(out.array()).isEqualTo(Hex.bytes("00000000 04000000"));
    }

    @Test
    void lengthBelowFourIsInvalidCommand() {
        assertThat(Frames.requestPayloadBytes(4, false)).isZero();
        assertThatThrownBy(() -> Frames.requestPayloadBytes(3, false))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND))
                .hasMessage("frame length: 3 (expected: >= 4)");
    }

    @Test
    void controlPayloadOverTenMebibytesIsInvalidCommandButASendIsNot() {
        long limit = 4L + Frames.MAX_CONTROL_PAYLOAD_BYTES;
        assertThat(Frames.requestPayloadBytes(limit, false)).isEqualTo(Frames.MAX_CONTROL_PAYLOAD_BYTES);
        assertThatThrownBy(() -> Frames.requestPayloadBytes(limit + 1, false))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
        assertThat(Frames.requestPayloadBytes(limit + 1, true)).isEqualTo(Frames.MAX_CONTROL_PAYLOAD_BYTES + 1);
    }
}
