package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.PermissionsCodec;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * CreateUser (33): a new user, optionally with permissions. A status other than 1..2 is error 3;
 * a permissions length that differs from the decoded block is error 4. Username and password
 * length rules belong to the handler (errors 43, 44).
 *
 * <pre>[username:name8][password:u8 len + UTF-8][status:u8][has_permissions:u8 (1 = yes)][permissions_length:u32][permissions]</pre>
 *
 * @param permissions the permissions block, null when the request carries none
 */
public record CreateUser(
        String username,
        String password,
        UserStatus status,
        @Nullable Permissions permissions) implements Command {
    public static CreateUser decode(ByteBuffer payload) {
        String username = WireStrings.name8(payload, "username");
        String password = WireStrings.raw8(payload, "password");
        UserStatus status = UserStatus.fromCode(Wire.u8(payload, "status"));
        boolean hasPermissions = Wire.u8(payload, "has permissions") == 1;
        Permissions permissions = hasPermissions ? PermissionsCodec.decodeSizedBlock(payload) : null;
        return new CreateUser(username, password, status, permissions);
    }

    @Override
    public CommandCode code() {
        return CommandCode.CREATE_USER;
    }

    @Override
    public int encodedSize() {
        return WireStrings.name8Size(username)
                + WireStrings.name8Size(password)
                + 1
                + 1
                + (permissions == null ? 0 : PermissionsCodec.sizedBlockSize(permissions));
    }

    @Override
    public void encode(ByteBuffer out) {
        WireStrings.putName8(out, username);
        WireStrings.putName8(out, password);
        out.put((byte) status.code());
        if (permissions == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1);
            PermissionsCodec.encodeSizedBlock(permissions, out);
        }
    }
}
