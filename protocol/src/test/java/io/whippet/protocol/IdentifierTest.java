package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class IdentifierTest {
    @Test
    void numericIdentifierDecodesFromSixBytes() {
        ByteBuffer in = Hex.buffer("01 04 07000000 ff");
        assertThat(Identifier.decode(in)).isEqualTo(Identifier.of(7));
        assertThat(in.remaining()).isEqualTo(1);
    }

    @Test
    void largestUnsignedIdSurvivesARoundTrip() {
        assertThat(roundTrip(Identifier.of(0xFFFF_FFFFL))).isEqualTo(Identifier.of(0xFFFF_FFFFL));
    }

    @Test
    void namedIdentifierRoundTripsUtf8() {
        assertThat(Hex.hex(encode(Identifier.of("s1")))).isEqualTo("02027331");
        assertThat(roundTrip(Identifier.of("žluť"))).isEqualTo(Identifier.of("žluť"));
    }

    @Test
    void unknownKindIsInvalidCommand() {
        assertCode("03 04 00000000", ErrorCode.INVALID_COMMAND);
    }

    @Test
    void numericLengthOtherThanFourIsInvalidFormat() {
        assertCode("01 03 000000", ErrorCode.INVALID_FORMAT);
        assertCode("01 08 0000000000000000", ErrorCode.INVALID_FORMAT);
    }

    @Test
    void emptyNameIsInvalidFormat() {
        assertCode("02 00", ErrorCode.INVALID_FORMAT);
    }

    @Test
    void truncatedValueIsInvalidCommand() {
        assertCode("01 04 000000", ErrorCode.INVALID_COMMAND);
        assertCode("02 05 6162", ErrorCode.INVALID_COMMAND);
        assertCode("01", ErrorCode.INVALID_COMMAND);
        assertCode("", ErrorCode.INVALID_COMMAND);
    }

    @Test
    void malformedUtf8IsInvalidCommand() {
        assertCode("02 02 c328", ErrorCode.INVALID_COMMAND);
    }

    @Test
    void decodingReadsLittleEndianWhateverTheBufferOrder() {
        ByteBuffer bigEndian = ByteBuffer.wrap(Hex.bytes("01 04 01000000")).order(ByteOrder.BIG_ENDIAN);
        assertThat(Identifier.decode(bigEndian)).isEqualTo(Identifier.of(1));
    }

    private static void assertCode(String hex, ErrorCode code) {
        assertThatThrownBy(() -> Identifier.decode(Hex.buffer(hex), "stream id"))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(code))
                .hasMessageContaining("stream id");
    }

    private static ByteBuffer encode(Identifier id) {
        ByteBuffer out = ByteBuffer.allocate(id.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        id.encode(out);
        return out.flip();
    }

    private static Identifier roundTrip(Identifier id) {
        ByteBuffer encoded = encode(id);
        Identifier decoded = Identifier.decode(encoded);
        assertThat(encoded.hasRemaining()).isFalse();
        return decoded;
    }
}
