package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import java.nio.ByteBuffer;

/**
 * DeleteUser (34): removes a user; the root user cannot be deleted (error 48).
 *
 * <pre>[user_id:Identifier]</pre>
 */
public record DeleteUser(Identifier userId) implements Command {
    public static DeleteUser decode(ByteBuffer payload) {
        return new DeleteUser(Identifier.decode(payload, "user id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.DELETE_USER;
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
