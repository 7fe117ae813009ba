package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * GetClient (21): one client's details, or an empty reply when unknown (id 0 is error 101).
 *
 * <pre>[client_id:u32]</pre>
 */
public record GetClient(long clientId) implements Command {
    public static GetClient decode(ByteBuffer payload) {
        return new GetClient(Wire.u32(payload, "client id"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_CLIENT;
    }

    @Override
    public int encodedSize() {
        return 4;
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, clientId, "client id");
    }
}
