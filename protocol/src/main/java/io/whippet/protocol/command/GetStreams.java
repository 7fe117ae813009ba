package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * GetStreams (201): every stream, sorted by id.
 *
 * <pre>(empty payload)</pre>
 */
public record GetStreams() implements Command {
    public static GetStreams decode(ByteBuffer payload) {
        return new GetStreams();
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_STREAMS;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
