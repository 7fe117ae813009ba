package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * GetClients (22): every connected client, without consumer-group entries.
 *
 * <pre>(empty payload)</pre>
 */
public record GetClients() implements Command {
    public static GetClients decode(ByteBuffer payload) {
        return new GetClients();
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_CLIENTS;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
