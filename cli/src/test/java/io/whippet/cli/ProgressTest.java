package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void redrawsOnlyAfterTheIntervalAndEndsWithTheFinalCount() {
        try (Progress progress = new Progress(err, true, "messages", 3_000, nanos::get)) {
            progress.advance(1_000);
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
            nanos.addAndGet(250_000_000L);
            progress.advance(1_000);
            assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\r 66% 2,000/3,000 messages ");
            progress.advance(1_000);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\r100% 3,000/3,000 messages \n");
    }

    @Test
    void disabledProgressPrintsNothing() {
        try (Progress progress = new Progress(err, false, "messages", 0, nanos::get)) {
            nanos.addAndGet(1_000_000_000L);
            progress.advance(5);
            assertThat(progress.done()).isEqualTo(5);
        }

        assertThat(bytes.size()).isZero();
    }
}
