package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * DeleteTopic (303): removes a topic.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier]</pre>
 */
public record DeleteTopic(Identifier streamId, Identifier topicId) implements Command {
    public static DeleteTopic decode(ByteBuffer payload) {
        return new DeleteTopic(Identifier.decode(payload, "stream id"), Identifier.decode(payload, "topic id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.DELETE_TOPIC;
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
