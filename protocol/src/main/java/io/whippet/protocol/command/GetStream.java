package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * GetStream (200): one stream with its topics, or an empty reply when missing.
 *
 * <pre>[stream_id:Identifier]</pre>
 */
public record GetStream(Identifier streamId) implements Command {
    public static GetStream decode(ByteBuffer payload) {
        return new GetStream(Identifier.decode(payload, "stream id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_STREAM;
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
