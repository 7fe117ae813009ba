package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * GetMe (20): the calling connection's client details.
 *
 * <pre>(empty payload)</pre>
 */
public record GetMe() implements Command {
    public static GetMe decode(ByteBuffer payload) {
        return new GetMe();
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_ME;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
