package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * ChangePassword (37): replaces a password after checking the current one (error 42 when wrong).
 * Password lengths are the handler's business.
 *
 * <pre>[user_id:Identifier][current_password:u8 len + UTF-8][new_password:u8 len + UTF-8]</pre>
 */
public record ChangePassword(Identifier userId, String currentPassword, String newPassword) implements Command {
    public static ChangePassword decode(ByteBuffer payload) {
        return new ChangePassword(
                Identifier.decode(payload, "user id"),
                WireStrings.raw8(payload, "current password"),
                WireStrings.raw8(payload, "new password"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.CHANGE_PASSWORD;
    }

    @Override
    public int encodedSize() {
        return userId.encodedSize() + WireStrings.name8Size(currentPassword) + WireStrings.name8Size(newPassword);
    }

    @Override
    public void encode(ByteBuffer out) {
        userId.encode(out);
        WireStrings.putName8(out, currentPassword);
        WireStrings.putName8(out, newPassword);
    }
}
