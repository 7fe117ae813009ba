package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * UpdateStream (204): renames a stream.
 *
 * <pre>[stream_id:Identifier][name:name8]</pre>
 */
public record UpdateStream(Identifier streamId, String name) implements Command {
    public static UpdateStream decode(ByteBuffer payload) {
        return new UpdateStream(Identifier.decode(payload, "stream id"), WireStrings.name8(payload, "name"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.UPDATE_STREAM;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + WireStrings.name8Size(name);
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        WireStrings.putName8(out, name);
    }
}
