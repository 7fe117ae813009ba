package io.whippet.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.protocol.response.PolledMessage;
import io.whippet.protocol.response.PolledMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PollReplyReaderTest {
    private static final String USUAL = "{\"partition_id\":3,\"current_offset\":18446744073709551615,\"count\":2,"
            + "\"messages\":[{\"header\":{\"checksum\":18446744073709551614,"
            + "\"id\":340282366920938463463374607431768211455,\"offset\":7,\"timestamp\":11,"
            + "\"origin_timestamp\":12,\"user_headers_length\":0,\"payload_length\":5,\"reserved\":0},"
            + "\"payload\":\"aGVsbG8=\",\"user_headers\":[]},"
            + " {\"header\" : {\"checksum\":1, \"id\":18446744073709551616, \"offset\":8,\"timestamp\":13,"
            + "\"origin_timestamp\":0, \"extra\": [true, null, {\"x\": -1.5e3}]},\n"
            + "\"payload\":\"Pz8/\",\"user_headers\":null}]}";

    @Test
    void theUsualReplyIsReadWithoutJacksonAndKeepsEveryBit() {
        PolledMessages polled = PollReplyReader.read(bytes(USUAL)).orElseThrow();

        assertThat(polled.partitionId()).isEqualTo(3);
        assertThat(polled.currentOffset()).isEqualTo(-1L);
        assertThat(polled.count()).isEqualTo(2);
        List<PolledMessage> messages = polled.decodeMessages();
        PolledMessage first = messages.get(0);
        assertThat(first.checksum()).isEqualTo(-2L);
        assertThat(first.idLow()).isEqualTo(-1L);
        assertThat(first.idHigh()).isEqualTo(-1L);
        assertThat(first.offset()).isEqualTo(7);
        assertThat(first.originTimestampMicros()).isEqualTo(12);
        PolledMessage second = messages.get(1);
        assertThat(second.idLow()).isZero();
        assertThat(second.idHigh()).isEqualTo(1);
        assertThat(new String(second.payload(), StandardCharsets.UTF_8)).isEqualTo("???");
        assertThat(second.userHeaders()).isEmpty();
    }

    @Test
    void readsWhatJacksonReads() {
        PolledMessages fast = PollReplyReader.read(bytes(USUAL)).orElseThrow();
        PolledMessages jackson = MessagesJson.polledByJackson(bytes(USUAL));

        assertThat(fast.messages()).isEqualTo(jackson.messages());
        assertThat(fast.currentOffset()).isEqualTo(jackson.currentOffset());
    }

    @Test
    void otherFormsAreLeftToJackson() {
        for (String reply : List.of(
                USUAL.replace("Pz8/", "Pz8\\/"), // an escape
                USUAL.replace("[]", "[{\"key\":{\"kind\":\"string\",\"value\":\"aw==\"}}]"), // typed headers
                USUAL.replace("\"offset\":7", "\"offset\":7.0"),
                USUAL.replace("\"checksum\":1,", "\"checksum\":18446744073709551616,"), // past u64
                USUAL.replace(":340282366920938463463374607431768211455", ":340282366920938463463374607431768211456"),
                USUAL.replace("aGVsbG8=", "not base64!"),
                USUAL + "x",
                USUAL.substring(0, USUAL.length() - 1),
                "{\"partition_id\":1}",
                "")) {
            assertThat(PollReplyReader.read(bytes(reply))).as(reply).isEqualTo(Optional.empty());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
