package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * DeletePersonalAccessToken (43): removes one of the session user's tokens by name.
 *
 * <pre>[name:name8]</pre>
 */
public record DeletePersonalAccessToken(String name) implements Command {
    public static DeletePersonalAccessToken decode(ByteBuffer payload) {
        return new DeletePersonalAccessToken(WireStrings.name8(payload, "name"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.DELETE_PERSONAL_ACCESS_TOKEN;
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
