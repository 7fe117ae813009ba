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
    void decodesTheStringEndingBeforeTheNextTokenWhateverSeparatesThem() {
        for (int length = 0; length < 20; length++) {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (i * 37 + length);
            }
            String encoded = Base64.getEncoder().encodeToString(payload);
            for (String separator : new String[] {"", ",", " , \n\t", "\r\n"}) {
                String prefix = "{\"payload\": ";
                String text = prefix + "\"" + encoded + "\"" + separator;
                byte[] document = ascii(text + "\"id\": 5}");
                assertThat(QuotedBase64.decodeBefore(document, prefix.length(), text.length()))
                        .as("length %d, separator [%s]", length, separator)
                        .hasValue(payload);
            }
        }
    }

    @Test
    void aStringWithEscapesOrNoClosingQuoteIsLeftToTheCaller() {
        assertThat(QuotedBase64.decodeBefore(ascii("\"QU\\/B\"}"), 0, 7)).isEmpty();
        assertThat(QuotedBase64.decodeBefore(ascii("QUJD\"}"), 0, 5)).isEmpty();
        assertThat(QuotedBase64.decodeBefore(ascii("\"QUJD}"), 0, 5)).isEmpty();
        assertThat(QuotedBase64.decodeBefore(ascii("\"}"), 0, 1)).isEmpty();
        assertThat(QuotedBase64.decodeBefore(ascii("\"QUJD\""), 0, 99)).isEmpty();
    }

    @Test
    void textThatIsNotBase64IsRefused() {
        assertThatThrownBy(() -> QuotedBase64.decodeBefore(ascii("\"Q*JD\"}"), 0, 6))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
