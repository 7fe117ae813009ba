package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.response.PolledMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageFileTest {
    private static PolledMessage message(long offset, String payload) {
        return new PolledMessage(
                0,
                offset + 10,
                0,
                offset,
                1_000,
                2_000,
                Map.of(HeaderValue.ofString("k"), HeaderValue.ofInt32((int) offset)),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void messagesWrittenBackToBackReadBackWithIdsHeadersAndTimestamps() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        MessageFile.write(file, message(0, "alpha"));
        MessageFile.write(file, message(1, ""));

        List<PolledMessage> read = new ArrayList<>();
        long count = MessageFile.read(new ByteArrayInputStream(file.toByteArray()), read::add);

        assertThat(count).isEqualTo(2);
        assertThat(read.get(0).idLow()).isEqualTo(10);
        assertThat(read.get(0).originTimestampMicros()).isEqualTo(2_000);
        assertThat(read.get(0).payload()).asString(StandardCharsets.UTF_8).isEqualTo("alpha");
        assertThat(read.get(1).userHeaders()).containsEntry(HeaderValue.ofString("k"), HeaderValue.ofInt32(1));
    }

    @Test
    void aFileCutInsideAMessageNamesWhereThatMessageStarted() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        MessageFile.write(file, message(0, "alpha"));
        MessageFile.write(file, message(1, "beta"));
        byte[] cut = Arrays.copyOf(file.toByteArray(), file.size() - 3);
        int firstSize = message(0, "alpha").encodedSize();

        assertThatThrownBy(() -> MessageFile.read(new ByteArrayInputStream(cut), m -> {}))
                .isInstanceOf(UsageException.class)
                .hasMessage("message file: cut inside the message at byte " + firstSize);
    }
}
