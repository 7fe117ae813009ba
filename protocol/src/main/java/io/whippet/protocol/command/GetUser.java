package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * GetUser (31): one user with permissions, or an empty reply when missing.
 *
 * <pre>[user_id:Identifier]</pre>
 */
public record GetUser(Identifier userId) implements Command {
    public static GetUser decode(ByteBuffer payload) {
        return new GetUser(Identifier.decode(payload, "user id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_USER;
    }

    @Override
    public int encodedSize() {
        return userId.encodedSize();
    }

    @Override
    public void encode(ByteBuffer out) {
        userId.encode(out);
    }
}
