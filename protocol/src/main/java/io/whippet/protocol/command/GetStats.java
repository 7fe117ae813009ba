package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * GetStats (10): server statistics; the reply is a {@code Stats} record.
 *
 * <pre>(empty payload)</pre>
 */
public record GetStats() implements Command {
    public static GetStats decode(ByteBuffer payload) {
        return new GetStats();
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_STATS;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
