package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.PermissionsCodec;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * UpdatePermissions (36): replaces a user's permissions, or clears them when none are given.
 *
 * <pre>[user_id:Identifier][has_permissions:u8 (1 = yes)][permissions_length:u32][permissions]</pre>
 *
 * @param permissions the new permissions, null to clear them
 */
public record UpdatePermissions(Identifier userId, @Nullable Permissions permissions) implements Command {
    public static UpdatePermissions decode(ByteBuffer payload) {
        Identifier userId = Identifier.decode(payload, "user id");
        boolean hasPermissions = Wire.u8(payload, "has permissions") == 1;
        return new UpdatePermissions(userId, hasPermissions ? PermissionsCodec.decodeSizedBlock(payload) : null);
    }

    @Override
    public CommandCode code() {
        return CommandCode.UPDATE_PERMISSIONS;
    }

    @Override
    public int encodedSize() {
        return userId.encodedSize() + 1 + (permissions == null ? 0 : PermissionsCodec.sizedBlockSize(permissions));
    }

    @Override
    public void encode(ByteBuffer out) {
        userId.encode(out);
        if (permissions == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1);
            PermissionsCodec.encodeSizedBlock(permissions, out);
        }
    }
}
