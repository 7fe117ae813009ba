package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void sizesReadDecimalAndBinaryUnitsAndTheTwoSpecialWords() {
        assertThat(Units.sizeBytes("1000")).isEqualTo(1_000);
        assertThat(Units.sizeBytes("10KB")).isEqualTo(10_000);
        assertThat(Units.sizeBytes("1.5 GiB")).isEqualTo(3L << 29);
        assertThat(Units.sizeBytes("unlimited")).isEqualTo(-1);
        assertThat(Units.sizeBytes("server_default")).isZero();
    }

    @Test
    void malformedSizeNamesWhatWasExpected() {
        assertThatThrownBy(() -> Units.sizeBytes("ten megs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("size: ten megs (expected:");
    }

    @Test
    void durationPartsAddUp() {
        assertThat(Units.durationMicros(List.of("1h", "30m"))).isEqualTo(5_400_000_000L);
        assertThat(Units.durationMicros(List.of("7days"))).isEqualTo(7 * 86_400_000_000L);
        assertThat(Units.durationMicros(List.of("500ms"))).isEqualTo(500_000);
        assertThat(Units.durationMicros(List.of("none"))).isEqualTo(-1);
        assertThat(Units.durationMicros(List.of())).isZero();
    }

    @Test
    void durationWithUnknownUnitOrStrayTextIsRejected() {
        assertThatThrownBy(() -> Units.durationMicros(List.of("3 fortnights")))
                .hasMessageStartingWith("duration: 3 fortnights");
        assertThatThrownBy(() -> Units.durationMicros(List.of("x 3h"))).hasMessageStartingWith("duration: x 3h");
    }

    @Test
    void durationTextUsesTheLargestWholeUnits() {
        assertThat(Units.durationText(5_400_000_000L)).isEqualTo("1h 30m");
        assertThat(Units.durationText(250_000)).isEqualTo("250ms");
        assertThat(Units.durationText(0)).isEqualTo("0s");
    }
}
