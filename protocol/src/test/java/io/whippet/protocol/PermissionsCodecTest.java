package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.Permissions.GlobalPermissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsCodecTest {
    /** wire-protocol.md §1.6: Java create-user with stream 0 holding topic 0. */
    static final String CAPTURED_SIZED_BLOCK =
            "20000000 01 01 00 00 01 01 01 01 01 01 01 00000000" + " 01 01 01 01 01 01 01 00000000 01 01 01 01 00 00";

    static Permissions capturedPermissions() {
        return new Permissions(
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
    }

    @Test
    void capturedJavaBlockDecodesAndReencodesByteForByte() {
        ByteBuffer in = Hex.buffer(CAPTURED_SIZED_BLOCK);
        Permissions decoded = PermissionsCodec.decodeSizedBlock(in);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(decoded).isEqualTo(capturedPermissions());

        ByteBuffer out =
                ByteBuffer.allocate(PermissionsCodec.sizedBlockSize(decoded)).order(ByteOrder.LITTLE_ENDIAN);
        PermissionsCodec.encodeSizedBlock(decoded, out);
        assertThat(out.array()).isEqualTo(Hex.bytes(CAPTURED_SIZED_BLOCK));
    }

    @Test
    void minimalBlockIsElevenBytes() {
        assertThat(PermissionsCodec.blockSize(Permissions.none())).isEqualTo(11);
        assertThat(PermissionsCodec.decodeBlock(Hex.buffer("0000000000000000000000")))
                .isEqualTo(Permissions.none());
    }

    @Test
    void severalStreamsAndTopicsRoundTripInIdOrder() {
        TopicPermissions readOnly = new TopicPermissions(false, true, false, false);
        Permissions permissions = new Permissions(
                Permissions.none().global(),
                Map.of(
                        9L,
                        new StreamPermissions(false, false, false, false, true, false, Map.of()),
                        2L,
                        new StreamPermissions(
                                true, false, true, false, true, false, Map.of(5L, readOnly, 1L, readOnly))));
        ByteBuffer out = ByteBuffer.allocate(PermissionsCodec.sizedBlockSize(permissions))
                .order(ByteOrder.LITTLE_ENDIAN);
        PermissionsCodec.encodeSizedBlock(permissions, out);
        assertThat(out.hasRemaining()).isFalse();
        // stream 2 first, its topic 1 before topic 5
        assertThat(out.get(4 + 11)).isEqualTo((byte) 2);
        assertThat(PermissionsCodec.decodeSizedBlock(out.flip())).isEqualTo(permissions);
    }

    @Test
    void nonZeroFlagBytesReadAsTrue() {
        Permissions decoded = PermissionsCodec.decodeBlock(Hex.buffer("02 00 00 00 00 00 00 00 00 ff 00"));
        assertThat(decoded.global().manageServers()).isTrue();
        assertThat(decoded.global().sendMessages()).isTrue();
        assertThat(decoded.global().readServers()).isFalse();
    }

    @Test
    void declaredLengthDifferentFromDecodedLengthIsInvalidFormat() {
        String block = CAPTURED_SIZED_BLOCK.substring("20000000".length());
        assertThatThrownBy(() -> PermissionsCodec.decodeSizedBlock(Hex.buffer("1f000000" + block)))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FORMAT))
                .hasMessageContaining("permissions length: 31");
        assertThatThrownBy(() -> PermissionsCodec.decodeSizedBlock(Hex.buffer("21000000" + block + "00")))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FORMAT));
    }

    @Test
    void everyStrictPrefixOfTheBlockIsInvalidCommand() {
        byte[] bytes = Hex.bytes(CAPTURED_SIZED_BLOCK);
        for (int length = 0; length < bytes.length; length++) {
            ByteBuffer prefix = ByteBuffer.wrap(bytes, 0, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            assertThatThrownBy(() -> PermissionsCodec.decodeSizedBlock(prefix))
                    .as("prefix of %d bytes", length)
                    .isInstanceOfSatisfying(
                            WhippetException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
        }
    }
}
