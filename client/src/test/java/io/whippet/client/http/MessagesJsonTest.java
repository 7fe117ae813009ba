package io.whippet.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.client.WhippetClientException;
import io.whippet.protocol.HeaderKind;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.response.PolledMessage;
import io.whippet.protocol.response.PolledMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesJsonTest {
    @Test
    void aPollReplyStreamsIntoTheBinaryLayout() {
        // Second payload "/" escaped as "\/" takes the slow path; u64 and u128 values past 2^63 keep their bits.
        String reply = "{\"partition_id\":3,\"current_offset\":18446744073709551615,\"count\":2,\"messages\":["
                + "{\"header\":{\"checksum\":18446744073709551614,\"id\":340282366920938463463374607431768211455,"
                + "\"offset\":7,\"timestamp\":11,\"origin_timestamp\":12,\"user_headers_length\":0,"
                + "\"payload_length\":5,\"reserved\":0},\"payload\":\"aGVsbG8=\",\"user_headers\":[]},"
                + "{\"header\":{\"checksum\":1,\"id\":5,\"offset\":8,\"timestamp\":13,\"origin_timestamp\":0},"
                + "\"payload\":\"Pz8\\/\",\"user_headers\":[{\"key\":{\"kind\":\"string\",\"value\":\"aw==\"},"
                + "\"value\":{\"kind\":\"raw\",\"value\":\"AQ==\"}}]}]}";

        PolledMessages polled = MessagesJson.polled(reply.getBytes(StandardCharsets.UTF_8));

        assertThat(polled.partitionId()).isEqualTo(3);
        assertThat(polled.currentOffset()).isEqualTo(-1L);
        List<PolledMessage> messages = polled.decodeMessages();
        assertThat(messages).hasSize(2);
        PolledMessage first = messages.get(0);
        assertThat(first.checksum()).isEqualTo(-2L);
        assertThat(first.idLow()).isEqualTo(-1L);
        assertThat(first.idHigh()).isEqualTo(-1L);
        assertThat(first.offset()).isEqualTo(7);
        assertThat(first.timestampMicros()).isEqualTo(11);
        assertThat(first.originTimestampMicros()).isEqualTo(12);
        assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        PolledMessage second = messages.get(1);
        assertThat(second.idLow()).isEqualTo(5);
        assertThat(new String(second.payload(), StandardCharsets.UTF_8)).isEqualTo("???");
        assertThat(second.userHeaders())
                .containsEntry(
                        new HeaderValue(HeaderKind.STRING, "k".getBytes(StandardCharsets.UTF_8)),
                        new HeaderValue(HeaderKind.RAW, new byte[] {1}));
    }

    @Test
    void aReplyThatIsNotThePollShapeIsAClearError() {
        assertThatThrownBy(() -> MessagesJson.polled("{\"partition_id\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WhippetClientException.class)
                .hasMessageContaining("messages missing");
        assertThatThrownBy(() -> MessagesJson.polled("{\"messages\":[{\"payload\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WhippetClientException.class)
                .hasMessageContaining("poll reply");
    }
}
