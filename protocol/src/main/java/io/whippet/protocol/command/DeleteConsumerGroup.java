package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * DeleteConsumerGroup (603): removes a group.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][group_id:Identifier]</pre>
 */
public record DeleteConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) implements Command {
    public static DeleteConsumerGroup decode(ByteBuffer payload) {
        return new DeleteConsumerGroup(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                Identifier.decode(payload, "group id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.DELETE_CONSUMER_GROUP;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + topicId.encodedSize() + groupId.encodedSize();
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        topicId.encode(out);
        groupId.encode(out);
    }
}
