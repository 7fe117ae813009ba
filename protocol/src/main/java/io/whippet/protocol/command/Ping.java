package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * Ping (1): a liveness check, allowed before login; the reply is empty.
 *
 * <pre>(empty payload)</pre>
 */
public record Ping() implements Command {
    public static Ping decode(ByteBuffer payload) {
        return new Ping();
    }

    @Override
    public CommandCode code() {
        return CommandCode.PING;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
