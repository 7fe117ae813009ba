package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserHeadersTest {
    /** wire-protocol.md §6.9: Java header key "key" (string) -> int32 42. */
    static final String CAPTURED = "02 03000000 6b6579 06 04000000 2a000000";

    @Test
    void capturedJavaHeaderDecodesAndReencodes() {
        Map<HeaderValue, HeaderValue> headers = UserHeaders.decode(Hex.buffer(CAPTURED));
        assertThat(headers).containsExactly(Map.entry(HeaderValue.ofString("key"), HeaderValue.ofInt32(42)));
        assertThat(at(headers, HeaderValue.ofString("key")).asInt32()).isEqualTo(42);
        assertThat(UserHeaders.encode(headers)).isEqualTo(Hex.bytes(CAPTURED));
        assertThat(UserHeaders.encodedSize(headers)).isEqualTo(17);
    }

    @Test
    void everyKindRoundTripsThroughItsFactoryAndAccessor() {
        Map<HeaderValue, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(HeaderValue.ofString("raw"), HeaderValue.ofRaw(new byte[] {1, 2, 3}));
        headers.put(HeaderValue.ofString("bool"), HeaderValue.ofBool(true));
        headers.put(HeaderValue.ofString("i8"), HeaderValue.ofInt8((byte) -3));
        headers.put(HeaderValue.ofString("i16"), HeaderValue.ofInt16((short) -300));
        headers.put(HeaderValue.ofString("i64"), HeaderValue.ofInt64(-5_000_000_000L));
        headers.put(HeaderValue.ofString("i128"), HeaderValue.ofInt128(1, -1));
        headers.put(HeaderValue.ofString("u8"), HeaderValue.ofUint8(250));
        headers.put(HeaderValue.ofString("u16"), HeaderValue.ofUint16(65_000));
        headers.put(HeaderValue.ofString("u32"), HeaderValue.ofUint32(4_000_000_000L));
        headers.put(HeaderValue.ofString("u64"), HeaderValue.ofUint64(-1L));
        headers.put(HeaderValue.ofString("u128"), HeaderValue.ofUint128(7, 0));
        headers.put(HeaderValue.ofString("f32"), HeaderValue.ofFloat32(1.5f));
        headers.put(HeaderValue.ofUint8(1), HeaderValue.ofFloat64(-2.25));

        Map<HeaderValue, HeaderValue> decoded = UserHeaders.decode(Hex.buffer(UserHeaders.encode(headers)));
        assertThat(decoded).containsExactlyEntriesOf(headers);
        assertThat(at(decoded, HeaderValue.ofString("bool")).asBool()).isTrue();
        assertThat(at(decoded, HeaderValue.ofString("i8")).asInt8()).isEqualTo((byte) -3);
        assertThat(at(decoded, HeaderValue.ofString("i16")).asInt16()).isEqualTo((short) -300);
        assertThat(at(decoded, HeaderValue.ofString("i64")).asInt64()).isEqualTo(-5_000_000_000L);
        assertThat(at(decoded, HeaderValue.ofString("u8")).asUint8()).isEqualTo(250);
        assertThat(at(decoded, HeaderValue.ofString("u16")).asUint16()).isEqualTo(65_000);
        assertThat(at(decoded, HeaderValue.ofString("u32")).asUint32()).isEqualTo(4_000_000_000L);
        assertThat(at(decoded, HeaderValue.ofString("u64")).asUint64()).isEqualTo(-1L);
        assertThat(at(decoded, HeaderValue.ofString("f32")).asFloat32()).isEqualTo(1.5f);
        assertThat(at(decoded, HeaderValue.ofUint8(1)).asFloat64()).isEqualTo(-2.25);
        assertThat(at(decoded, HeaderValue.ofString("raw")).value()).containsExactly(1, 2, 3);
    }

    @Test
    void repeatedKeyKeepsTheLastValue() {
        String twice = "02 01000000 6b 09 01000000 01" + "02 01000000 6b 09 01000000 02";
        assertThat(UserHeaders.decode(Hex.buffer(twice)))
                .containsExactly(Map.entry(HeaderValue.ofString("k"), HeaderValue.ofUint8(2)));
    }

    @Test
    void kindZeroAndKindSixteenAreInvalidCommand() {
        assertCode("00 01000000 6b 09 01000000 01", ErrorCode.INVALID_COMMAND);
        assertCode("02 01000000 6b 10 01000000 01", ErrorCode.INVALID_COMMAND);
    }

    @Test
    void keyLengthOutsideOneTo255IsInvalidHeaderKey() {
        assertCode("02 00000000 09 01000000 01", ErrorCode.INVALID_HEADER_KEY);
        assertCode("02 00010000", ErrorCode.INVALID_HEADER_KEY);
    }

    @Test
    void valueLengthNotMatchingItsKindIsInvalidHeaderValue() {
        assertCode("02 01000000 6b 06 03000000 010203", ErrorCode.INVALID_HEADER_VALUE);
        assertCode("02 01000000 6b 01 00000000", ErrorCode.INVALID_HEADER_VALUE);
    }

    @Test
    void everyStrictPrefixEndingInsideAPairIsInvalidCommand() {
        byte[] bytes = Hex.bytes(CAPTURED);
        for (int length = 1; length < bytes.length; length++) {
            int cut = length;
            assertThatThrownBy(() -> UserHeaders.decode(Hex.buffer(java.util.Arrays.copyOf(bytes, cut))))
                    .as("prefix of %d bytes", cut)
                    .isInstanceOfSatisfying(
                            WhippetException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_COMMAND));
        }
    }

    @Test
    void accessorOfAnotherKindFails() {
        assertThatThrownBy(() -> HeaderValue.ofInt32(1).asString()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void factoriesRejectLengthsTheWireCannotCarry() {
        assertThatThrownBy(() -> HeaderValue.ofString("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderValue.ofRaw(new byte[256])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderValue.ofUint8(256)).isInstanceOf(IllegalArgumentException.class);
    }

    private static HeaderValue at(Map<HeaderValue, HeaderValue> headers, HeaderValue key) {
        return java.util.Objects.requireNonNull(headers.get(key), key::toString);
    }

    private static void assertCode(String hex, ErrorCode code) {
        assertThatThrownBy(() -> UserHeaders.decode(Hex.buffer(hex)))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
