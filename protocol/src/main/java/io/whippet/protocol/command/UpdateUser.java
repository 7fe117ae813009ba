package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * UpdateUser (35): renames a user and/or changes its status; each part is present only when its
 * flag byte is 1.
 *
 * <pre>[user_id:Identifier][has_username:u8][username:name8][has_status:u8][status:u8]</pre>
 *
 * @param username the new name, null to keep it
 * @param status the new status, null to keep it
 */
public record UpdateUser(
        Identifier userId,
        @Nullable String username,
        @Nullable UserStatus status) implements Command {
    public static UpdateUser decode(ByteBuffer payload) {
        Identifier userId = Identifier.decode(payload, "user id");
        String username = Wire.u8(payload, "has username") == 1 ? WireStrings.name8(payload, "username") : null;
        UserStatus status =
                Wire.u8(payload, "has status") == 1 ? UserStatus.fromCode(Wire.u8(payload, "status")) : null;
        return new UpdateUser(userId, username, status);
    }

    @Override
    public CommandCode code() {
        return CommandCode.UPDATE_USER;
    }

    @Override
    public int encodedSize() {
        return userId.encodedSize()
                + 1
                + (username == null ? 0 : WireStrings.name8Size(username))
                + 1
                + (status == null ? 0 : 1);
    }

    @Override
    public void encode(ByteBuffer out) {
        userId.encode(out);
        if (username == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1);
            WireStrings.putName8(out, username);
        }
        if (status == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1).put((byte) status.code());
        }
    }
}
