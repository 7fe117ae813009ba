package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * LogoutUser (39): clears the connection's session user.
 *
 * <pre>(empty payload)</pre>
 */
public record LogoutUser() implements Command {
    public static LogoutUser decode(ByteBuffer payload) {
        return new LogoutUser();
    }

    @Override
    public CommandCode code() {
        return CommandCode.LOGOUT_USER;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
