package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * LoginUser (38): password login. Both str32 fields are mandatory in 0.8.0 (length 0 = absent); the
 * username must not be empty (error 4), the 3..50 and 3..100 rules belong to the handler (errors
 * 43, 44).
 *
 * <pre>[username:name8][password:u8 len + UTF-8][version:str32][context:str32]</pre>
 */
public record LoginUser(String username, String password, String version, String context) implements Command {
    public static LoginUser decode(ByteBuffer payload) {
        return new LoginUser(
                WireStrings.name8(payload, "username"),
                WireStrings.raw8(payload, "password"),
                WireStrings.str32(payload, "version"),
                WireStrings.str32(payload, "context"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.LOGIN_USER;
    }

    @Override
    public int encodedSize() {
        return WireStrings.name8Size(username)
                + WireStrings.name8Size(password)
                + WireStrings.str32Size(version)
                + WireStrings.str32Size(context);
    }

    @Override
    public void encode(ByteBuffer out) {
        WireStrings.putName8(out, username);
        WireStrings.putName8(out, password);
        WireStrings.putStr32(out, version);
        WireStrings.putStr32(out, context);
    }
}
