package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessagesJsonTest {
    private static final String PARTITION_0 = "{\"kind\":\"partition_id\",\"value\":\"AAAAAA==\"}";

    @Test
    void payloadsDecodeWhetherReadInPlaceOrThroughAnEscapedString() {
        // "/" escaped as "\/" forces the slow path; the others are decoded from the request bytes.
        String body = "{ \"partitioning\" : " + PARTITION_0 + ", \"messages\" : [ { \"payload\" : \"aGVsbG8=\" },"
                + "{\"payload\":\"Pz8\\/\"}, {\"id\":5,\"payload\":\"d29ybGQ\"}, {\"payload\": \"aGk=\" ,\n \"id\": 7} ] }";

        try (MessagesJson.Batch batch = MessagesJson.parseSend(body.getBytes(StandardCharsets.UTF_8))) {
            assertThat(batch.messagesCount()).isEqualTo(4);
            ByteBuffer area = batch.messages();
            assertThat(payload(area)).isEqualTo("hello");
            assertThat(payload(area)).isEqualTo("???");
            assertThat(area.getLong(area.position() + MessageLayout.ID_OFFSET)).isEqualTo(5);
            assertThat(payload(area)).isEqualTo("world"); // unpadded base64 is accepted
            assertThat(area.getLong(area.position() + MessageLayout.ID_OFFSET)).isEqualTo(7);
            assertThat(payload(area)).isEqualTo("hi"); // a field after the payload
        }
    }

    @Test
    void aPayloadThatIsNotBase64IsABadRequest() {
        String body = "{\"partitioning\":" + PARTITION_0 + ",\"messages\":[{\"payload\":\"no*base64\"}]}";

        assertThatThrownBy(() -> MessagesJson.parseSend(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        WhippetException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FORMAT))
                .hasMessageContaining("payload: not valid base64");
    }

    private static String payload(ByteBuffer area) {
        int start = area.position();
        int length = area.getInt(start + MessageLayout.PAYLOAD_LENGTH_OFFSET);
        int headers = area.getInt(start + MessageLayout.USER_HEADERS_LENGTH_OFFSET);
        byte[] bytes = new byte[length];
        area.get(start + MessageLayout.HEADER_SIZE, bytes);
        area.position(start + MessageLayout.HEADER_SIZE + length + headers);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
