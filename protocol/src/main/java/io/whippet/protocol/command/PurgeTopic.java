package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * PurgeTopic (305): deletes all messages of a topic.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier]</pre>
 */
public record PurgeTopic(Identifier streamId, Identifier topicId) implements Command {
    public static PurgeTopic decode(ByteBuffer payload) {
        return new PurgeTopic(Identifier.decode(payload, "stream id"), Identifier.decode(payload, "topic id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.PURGE_TOPIC;
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
