package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireStringsTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "iggy", "žluťoučký", "日本", "emoji 😀", "lone \uD800 surrogate"})
    void utf8LengthAgreesWithTheEncoder(String text) {
        assertThat(WireStrings.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void name8RoundTrips() {
        ByteBuffer out = ByteBuffer.allocate(WireStrings.name8Size("s1")).order(ByteOrder.LITTLE_ENDIAN);
        WireStrings.putName8(out, "s1");
        assertThat(out.array()).isEqualTo(Hex.bytes("02 7331"));
        assertThat(WireStrings.name8(out.flip(), "name")).isEqualTo("s1");
    }

    @Test
    void emptyNameIsInvalidFormatButAnEmptyPasswordIsNot() {
        assertThatThrownBy(() -> WireStrings.name8(Hex.buffer("00"), "stream name"))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FORMAT))
                .hasMessage("stream name length: 0 (expected: 1..255)");
        assertThat(WireStrings.raw8(Hex.buffer("00"), "password")).isEmpty();
    }

    @Test
    void malformedUtf8IsInvalidCommandAndLeavesThePositionAlone() {
        ByteBuffer in = Hex.buffer("02 ff fe");
        assertThatThrownBy(() -> WireStrings.name8(in, "name"))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
    }

    @Test
    void str32WithLengthBeyondThePayloadIsInvalidCommand() {
        assertThatThrownBy(() -> WireStrings.str32(Hex.buffer("ffffffff 61"), "hostname"))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
    }

    @Test
    void encodingMoreThan255BytesFails() {
        assertThatThrownBy(() -> WireStrings.name8Size("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        ByteBuffer out = ByteBuffer.allocate(300);
        assertThatThrownBy(() -> WireStrings.putName8(out, "é".repeat(128)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
