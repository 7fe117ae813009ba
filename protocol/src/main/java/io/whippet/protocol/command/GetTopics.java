package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * GetTopics (301): the topics of a stream.
 *
 * <pre>[stream_id:Identifier]</pre>
 */
public record GetTopics(Identifier streamId) implements Command {
    public static GetTopics decode(ByteBuffer payload) {
        return new GetTopics(Identifier.decode(payload, "stream id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_TOPICS;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize();
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
    }
}
