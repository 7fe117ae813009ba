package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * GetConsumerGroups (601): the consumer groups of a topic.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier]</pre>
 */
public record GetConsumerGroups(Identifier streamId, Identifier topicId) implements Command {
    public static GetConsumerGroups decode(ByteBuffer payload) {
        return new GetConsumerGroups(Identifier.decode(payload, "stream id"), Identifier.decode(payload, "topic id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_CONSUMER_GROUPS;
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
