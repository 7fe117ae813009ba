package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.whippet.protocol.HeaderKind;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.UserHeaders;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollReplyWriterTest {
    @Test
    void rendersTheCompactJsonOfTheSpecWithEveryBitOfTheNumbers() {
        byte[] typed = UserHeaders.encode(Map.of(
                new HeaderValue(HeaderKind.STRING, bytes("k")), new HeaderValue(HeaderKind.RAW, new byte[] {1})));
        ByteBuffer messages = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        message(messages, new long[] {-1, -1, -1, Long.MIN_VALUE, 10, 0}, bytes("hello"), new byte[0]);
        message(messages, new long[] {1, 5, 0, 1, 2, 3}, bytes("??"), typed);
        message(messages, new long[] {0, 0, 1, 2, 0, 0}, bytes("a"), new byte[] {1}); // headers that do not parse
        messages.flip();

        ByteBuf reply = PollReplyWriter.render(7, -2, 3, messages);

        assertThat(reply.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"partition_id\":7,\"current_offset\":18446744073709551614,\"count\":3,\"messages\":["
                        + "{\"header\":{\"checksum\":18446744073709551615,"
                        + "\"id\":340282366920938463463374607431768211455,\"offset\":9223372036854775808,"
                        + "\"timestamp\":10,\"origin_timestamp\":0,\"user_headers_length\":0,\"payload_length\":5,"
                        + "\"reserved\":0},\"payload\":\"aGVsbG8=\",\"user_headers\":[]},"
                        + "{\"header\":{\"checksum\":1,\"id\":5,\"offset\":1,\"timestamp\":2,\"origin_timestamp\":3,"
                        + "\"user_headers_length\":" + typed.length + ",\"payload_length\":2,\"reserved\":0},"
                        + "\"payload\":\"Pz8=\",\"user_headers\":[{\"key\":{\"kind\":\"string\",\"value\":\"aw==\"},"
                        + "\"value\":{\"kind\":\"raw\",\"value\":\"AQ==\"}}]},"
                        + "{\"header\":{\"checksum\":0,\"id\":18446744073709551616,\"offset\":2,\"timestamp\":0,"
                        + "\"origin_timestamp\":0,\"user_headers_length\":1,\"payload_length\":1,\"reserved\":0},"
                        + "\"payload\":\"YQ==\",\"user_headers\":\"AQ==\"}]}");
    }

    @Test
    void anEmptyPollIsAnEmptyList() {
        ByteBuf reply = PollReplyWriter.render(1, 0, 0, ByteBuffer.allocate(0));

        assertThat(reply.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"partition_id\":1,\"current_offset\":0,\"count\":0,\"messages\":[]}");
    }

    /** Header fields: checksum, id low, id high, offset, timestamp, origin timestamp. */
    private static void message(ByteBuffer out, long[] fields, byte[] payload, byte[] headers) {
        for (long field : fields) {
            out.putLong(field);
        }
        out.putInt(headers.length)
                .putInt(payload.length)
                .putLong(0)
                .put(payload)
                .put(headers);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
