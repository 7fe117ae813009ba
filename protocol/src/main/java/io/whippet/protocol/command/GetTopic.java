package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * GetTopic (300): one topic with its partitions, or an empty reply when missing.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier]</pre>
 */
public record GetTopic(Identifier streamId, Identifier topicId) implements Command {
    public static GetTopic decode(ByteBuffer payload) {
        return new GetTopic(Identifier.decode(payload, "stream id"), Identifier.decode(payload, "topic id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_TOPIC;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + topicId.encodedSize();
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        topicId.encode(out);
    }
}
