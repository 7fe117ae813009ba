package io.whippet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesNestedValuesWithCommasAndEscapes() {
        String json = new JsonWriter()
                .beginObject()
                .field("name", "a \"quoted\"\nline")
                .field("count", 3)
                .field("ok", true)
                .array("series", new double[] {1.5, Double.NaN})
                .name("inner")
                .beginObject()
                .field("x", 0.25)
                .endObject()
                .endObject()
                .toString();
        assertThat(json)
                .isEqualTo("{\"name\":\"a \\\"quoted\\\"\\nline\",\"count\":3,\"ok\":true,"
                        + "\"series\":[1.5000,null],\"inner\":{\"x\":0.2500}}");
    }
}
