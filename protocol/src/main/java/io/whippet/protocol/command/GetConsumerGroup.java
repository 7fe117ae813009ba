package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * GetConsumerGroup (600): one group with its members, or an empty reply when missing.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][group_id:Identifier]</pre>
 */
public record GetConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) implements Command {
    public static GetConsumerGroup decode(ByteBuffer payload) {
        return new GetConsumerGroup(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                Identifier.decode(payload, "group id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_CONSUMER_GROUP;
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
