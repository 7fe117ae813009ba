package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * LeaveConsumerGroup (605): removes the calling connection from the group (error 5006 when not a
 * member).
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][group_id:Identifier]</pre>
 */
public record LeaveConsumerGroup(Identifier streamId, Identifier topicId, Identifier groupId) implements Command {
    public static LeaveConsumerGroup decode(ByteBuffer payload) {
        return new LeaveConsumerGroup(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                Identifier.decode(payload, "group id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.LEAVE_CONSUMER_GROUP;
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
