package io.whippet.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void humantimeDurationsParseWithUnitsAndSums() {
        assertThat(Durations.parse("5ms")).isEqualTo(Duration.ofMillis(5));
        assertThat(Durations.parse("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Durations.parse("1m 30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("100us")).isEqualTo(Duration.ofNanos(100_000));
    }

    @Test
    void malformedDurationsAreConfigErrors() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("duration: soon");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("duration");
        assertThatThrownBy(() -> Durations.parse("5 parsecs")).hasMessageContaining("5 parsecs");
    }

    @Test
    void idHexIsThirtyTwoZeroPaddedDigitsHighHalfFirst() {
        ConsumedMessage message = new ConsumedMessage(0xAL, 0xBL, 0, 0, 0, 0, Map.of(), new Payload.Text(""));
        assertThat(message.idHex()).isEqualTo("000000000000000b000000000000000a");
    }
}
