package io.whippet.connectors.stdout;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.MessagesMetadata;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.Schema;
import io.whippet.connectors.api.TopicMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StdoutSinkTest {
    @Test
    void printsOneLinePerMessageWithThePayloadWhenAsked() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutSink sink = new StdoutSink(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        ConnectorContext context = ConnectorContext.standalone("out");
        sink.open(context, JsonMapper.builder().build().readTree("{\"print_payload\":true}"));

        sink.consume(
                new TopicMetadata("s", "t"),
                new MessagesMetadata(1, 5, Schema.TEXT),
                List.of(
                        new ConsumedMessage(2, 0, 4, 0, 0, 0, Map.of(), new Payload.Text("hi")),
                        new ConsumedMessage(3, 0, 5, 0, 0, 0, Map.of(), new Payload.Raw(new byte[] {1}))));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "s/t partition=1 offset=4 id=00000000000000000000000000000002 payload=hi",
                        "s/t partition=1 offset=5 id=00000000000000000000000000000003 payload=AQ==");
        assertThat(context.metrics().counter("stdout_printed", "").count()).isEqualTo(2);
    }
}
