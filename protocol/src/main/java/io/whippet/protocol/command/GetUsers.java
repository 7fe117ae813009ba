package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * GetUsers (32): every user, without permissions.
 *
 * <pre>(empty payload)</pre>
 */
public record GetUsers() implements Command {
    public static GetUsers decode(ByteBuffer payload) {
        return new GetUsers();
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_USERS;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
