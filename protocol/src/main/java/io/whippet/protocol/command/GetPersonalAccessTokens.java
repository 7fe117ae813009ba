package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * GetPersonalAccessTokens (41): the session user's tokens (names and expiry only).
 *
 * <pre>(empty payload)</pre>
 */
public record GetPersonalAccessTokens() implements Command {
    public static GetPersonalAccessTokens decode(ByteBuffer payload) {
        return new GetPersonalAccessTokens();
    }

    @Override
    public CommandCode code() {
        return CommandCode.GET_PERSONAL_ACCESS_TOKENS;
    }

    @Override
    public int encodedSize() {
        return 0;
    }

    @Override
    public void encode(ByteBuffer out) {}
}
