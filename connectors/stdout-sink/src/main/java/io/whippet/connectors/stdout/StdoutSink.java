package io.whippet.connectors.stdout;

import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.ConnectorPlugin;
import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.MessagesMetadata;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.PluginConfig;
import io.whippet.connectors.api.PluginCounter;
import io.whippet.connectors.api.Sink;
import io.whippet.connectors.api.TopicMetadata;
import java.io.PrintStream;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Prints one line per message: stream, topic, partition, offset, id and (with {@code print_payload
 * = true}) the payload (JSON as JSON, text as is, bytes as base64). Lines of one batch are printed
 * under a lock, so batches of different topics do not interleave.
 */
@ConnectorPlugin("stdout")
public final class StdoutSink implements Sink {
    private final PrintStream out;
    private boolean printPayload;
    private @Nullable PluginCounter printed;

    public StdoutSink() {
        this(System.out);
    }

    StdoutSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void open(ConnectorContext context, JsonNode pluginConfig) {
        printPayload = new PluginConfig(pluginConfig).bool("print_payload", false);
        printed = context.metrics().counter("stdout_printed", "Messages printed by the stdout sink");
    }

    @Override
    public void consume(TopicMetadata topic, MessagesMetadata batch, List<ConsumedMessage> messages) {
        StringBuilder lines = new StringBuilder();
        for (ConsumedMessage message : messages) {
            lines.append(topic.stream())
                    .append('/')
                    .append(topic.topic())
                    .append(" partition=")
                    .append(batch.partitionId())
                    .append(" offset=")
                    .append(message.offset())
                    .append(" id=")
                    .append(message.idHex());
            if (printPayload) {
                lines.append(" payload=").append(render(message.payload()));
            }
            lines.append('\n');
        }
        synchronized (out) {
            out.print(lines);
            out.flush();
        }
        PluginCounter counter = printed;
        if (counter != null) {
            counter.increment(messages.size());
        }
    }

    static String render(Payload payload) {
        return switch (payload) {
            case Payload.Json json -> json.value().toString();
            case Payload.Text text -> text.text();
            case Payload.Raw raw -> Base64.getEncoder().encodeToString(raw.bytes());
        };
    }

    @Override
    public void close() {
        out.flush();
    }
}
