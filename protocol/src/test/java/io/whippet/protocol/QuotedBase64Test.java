package io.whippet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class QuotedBase64Test {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void decodesEveryLengthAndQuotePositionAroundTheWordSteps() {
        for (int length = 0; length < 40; length++) {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (i * 37 + length);
            }
            String encoded = Base64.getEncoder().encodeToString(payload);
            for (String prefix : new String[] {"", "{\"p\":", "{\"payload\": "}) {
                byte[] document = ascii(prefix + "\"" + encoded + "\",\"x\":\"\\\"\"}");
                assertThat(QuotedBase64.decode(document, prefix.length()))
                        .as("length %d after %s", length, prefix)
                        .hasValue(payload);
            }
        }
    }

    @Test
    void findsTheFirstQuoteOrGivesUpAtABackslash() {
        for (int at = 0; at < 20; at++) {
            String before = "A".repeat(at);
            assertThat(QuotedBase64.closingQuote(ascii(before + "\"AAAA\\\"\""), 0))
                    .isEqualTo(at);
            assertThat(QuotedBase64.closingQuote(ascii(before + "\\\"AAAAAAAAAA\""), 0))
                    .isEqualTo(-1);
            assertThat(QuotedBase64.closingQuote(ascii(before + "AAAAAAAAAAA"), 0))
                    .isEqualTo(-1);
        }
    }

    @Test
    void aStringWithEscapesOrNoQuoteIsLeftToTheCaller() {
        assertThat(QuotedBase64.decode(ascii("\"QU\\/B\""), 0)).isEmpty();
        assertThat(QuotedBase64.decode(ascii("QUJD"), 0)).isEmpty();
        assertThat(QuotedBase64.decode(ascii("\"QUJD"), 0)).isEmpty();
    }

    @Test
    void textThatIsNotBase64IsRefused() {
        assertThatThrownBy(() -> QuotedBase64.decode(ascii("\"Q*JD\""), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
