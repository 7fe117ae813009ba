package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.HeaderKind;
import io.whippet.protocol.HeaderValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void typedHeadersParseFromCommaListsAndRepeatedOptions() {
        Map<HeaderValue, HeaderValue> headers =
                Headers.parse(List.of("source:string:web,retries:uint8:3", "ok:bool:true,raw:raw:cafe"));

        assertThat(headers)
                .containsEntry(HeaderValue.ofString("source"), HeaderValue.ofString("web"))
                .containsEntry(HeaderValue.ofString("retries"), HeaderValue.ofUint8(3))
                .containsEntry(HeaderValue.ofString("ok"), HeaderValue.ofBool(true))
                .containsEntry(HeaderValue.ofString("raw"), HeaderValue.ofRaw(new byte[] {(byte) 0xCA, (byte) 0xFE}));
    }

    @Test
    void everyKindPrintsBackAsItWasTyped() {
        String[][] cases = {
            {"int8", "-5"},
            {"int16", "-300"},
            {"int32", "70000"},
            {"int64", "-9000000000"},
            {"uint16", "65535"},
            {"uint32", "4294967295"},
            {"uint64", "18446744073709551615"},
            {"int128", "-170141183460469231731687303715884105728"},
            {"uint128", "340282366920938463463374607431768211455"},
            {"float64", "2.5"},
            {"float32", "1.5"}
        };
        for (String[] c : cases) {
            HeaderValue value = Headers.value(Headers.kind(c[0]), c[1], c[0]);
            assertThat(Headers.text(value)).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void malformedHeadersAreUsageErrors() {
        assertThatThrownBy(() -> Headers.parse(List.of("nokind")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("header: nokind (expected: key:kind:value");
        assertThatThrownBy(() -> Headers.parse(List.of("k:uint8:300")))
                .hasMessageStartingWith("header value: k:uint8:300");
        assertThatThrownBy(() -> Headers.kind("decimal")).hasMessageStartingWith("header kind: decimal");
        assertThat(Headers.kind("FLOAT32")).isEqualTo(HeaderKind.FLOAT32);
    }
}
