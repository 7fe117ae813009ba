package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * DeleteStream (203): removes a stream and everything in it.
 *
 * <pre>[stream_id:Identifier]</pre>
 */
public record DeleteStream(Identifier streamId) implements Command {
    public static DeleteStream decode(ByteBuffer payload) {
        return new DeleteStream(Identifier.decode(payload, "stream id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.DELETE_STREAM;
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
