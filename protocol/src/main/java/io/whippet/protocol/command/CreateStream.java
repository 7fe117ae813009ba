package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * CreateStream (202): a new stream; the server assigns the id.
 *
 * <pre>[name:name8]</pre>
 */
public record CreateStream(String name) implements Command {
    public static CreateStream decode(ByteBuffer payload) {
        return new CreateStream(WireStrings.name8(payload, "name"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.CREATE_STREAM;
    }

    @Override
    public int encodedSize() {
        return WireStrings.name8Size(name);
    }

    @Override
    public void encode(ByteBuffer out) {
        WireStrings.putName8(out, name);
    }
}
