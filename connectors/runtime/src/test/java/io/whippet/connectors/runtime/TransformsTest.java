package io.whippet.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.connectors.api.Payload;
import io.whippet.connectors.runtime.transform.Transforms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static Transforms of(String toml) {
        ConnectorConfig config = ConnectorConfig.fromToml("""
                type = "sink"
                key = "t"
                enabled = true
                version = 0
                name = "t"
                path = "x"
                """ + toml, "test", Map.of());
        return Transforms.of(config.transforms().stream()
                .map(t -> Map.entry(t.type(), t.config()))
                .toList());
    }

    private static String apply(Transforms transforms, String json) {
        return transforms
                .apply(new Payload.Json(Json.parse(json)))
                .map(p -> ((Payload.Json) p).value().toString())
                .orElse("<filtered>");
    }

    @Test
    void addFieldsSetsStaticAndComputedValues() {
        Transforms transforms = of("""
                [transforms.add_fields]
                enabled = true
                fields = [{ key = "env", value.static = "prod" }, { key = "at", value.computed = "timestamp_millis" }]
                """);

        String result = apply(transforms, "{\"a\":1}");
        assertThat(result).startsWith("{\"a\":1,\"env\":\"prod\",\"at\":");
    }

    @Test
    void updateFieldsHonoursItsConditions() {
        Transforms transforms = of("""
                [transforms.update_fields]
                enabled = true
                fields = [
                  { key = "a", value = 10, condition = "key_exists" },
                  { key = "b", value = 20, condition = "key_exists" },
                  { key = "c", value = 30, condition = "key_not_exists" },
                  { key = "a", value = 40, condition = "key_not_exists" },
                ]
                """);

        assertThat(apply(transforms, "{\"a\":1}")).isEqualTo("{\"a\":10,\"c\":30}");
    }

    @Test
    void filterFieldsKeepsListedAndMatchingFields() {
        Transforms transforms = of("""
                [transforms.filter_fields]
                enabled = true
                keep_fields = ["id"]
                patterns = [{ key_pattern = { starts_with = "user_" } }, { value_pattern = { greater_than = 100 } }]
                """);

        assertThat(apply(transforms, "{\"id\":1,\"user_name\":\"x\",\"score\":150,\"low\":5,\"other\":\"y\"}"))
                .isEqualTo("{\"id\":1,\"user_name\":\"x\",\"score\":150}");
    }

    @Test
    void filterFieldsWithoutIncludeMatchingDropsMatchingFields() {
        Transforms transforms = of("""
                [transforms.filter_fields]
                enabled = true
                include_matching = false
                patterns = [{ key_pattern = { regex = "^tmp" } }]
                """);

        assertThat(apply(transforms, "{\"tmp1\":1,\"keep\":2}")).isEqualTo("{\"keep\":2}");
    }

    @Test
    void transformsRunInFileOrderAndDisabledOnesAreSkipped() {
        Transforms transforms = of("""
                [transforms.unwrap_envelope]
                enabled = true
                field = "data"

                [transforms.delete_fields]
                enabled = true
                fields = ["secret"]

                [transforms.add_fields]
                enabled = false
                fields = [{ key = "x", value.static = 1 }]
                """);

        assertThat(apply(transforms, "{\"data\":{\"v\":1,\"secret\":2}}")).isEqualTo("{\"v\":1}");
        assertThat(transforms.apply(new Payload.Text("plain"))).contains(new Payload.Text("plain"));
    }

    @Test
    void unknownTransformTypesAndBadPatternsAreConfigErrors() {
        assertThatThrownBy(() -> of("[transforms.proto_convert]\nenabled = true\n"))
                .hasMessageContaining("transform: proto_convert");
        assertThatThrownBy(
                        () -> of(
                                "[transforms.filter_fields]\nenabled = true\npatterns = [{ key_pattern = { fuzzy = \"a\" } }]\n"))
                .hasMessageContaining("key_pattern: fuzzy");
        assertThat(List.of()).isEmpty();
    }
}
