package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * LoginWithPersonalAccessToken (44): login with a raw token.
 *
 * <pre>[token:name8]</pre>
 */
public record LoginWithPersonalAccessToken(String token) implements Command {
    public static LoginWithPersonalAccessToken decode(ByteBuffer payload) {
        return new LoginWithPersonalAccessToken(WireStrings.name8(payload, "token"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN;
    }

    @Override
    public int encodedSize() {
        return WireStrings.name8Size(token);
    }

    @Override
    public void encode(ByteBuffer out) {
        WireStrings.putName8(out, token);
    }
}
