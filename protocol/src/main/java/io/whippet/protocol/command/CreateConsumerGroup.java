package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * CreateConsumerGroup (602): a new group; the server assigns the id.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][name:name8]</pre>
 */
public record CreateConsumerGroup(Identifier streamId, Identifier topicId, String name) implements Command {
    public static CreateConsumerGroup decode(ByteBuffer payload) {
        return new CreateConsumerGroup(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                WireStrings.name8(payload, "name"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.CREATE_CONSUMER_GROUP;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + topicId.encodedSize() + WireStrings.name8Size(name);
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        topicId.encode(out);
        WireStrings.putName8(out, name);
    }
}
