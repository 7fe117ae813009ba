package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * PurgeStream (205): deletes all messages of all topics of a stream.
 *
 * <pre>[stream_id:Identifier]</pre>
 */
public record PurgeStream(Identifier streamId) implements Command {
    public static PurgeStream decode(ByteBuffer payload) {
        return new PurgeStream(Identifier.decode(payload, "stream id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.PURGE_STREAM;
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
