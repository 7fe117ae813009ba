package io.whippet.protocol.response;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.PermissionsCodec;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * GetUser and CreateUser reply: the user, then its permissions or exactly four zero bytes.
 *
 * <pre>
 * [UserInfo][1:u8][permissions_length:u32][permissions]   with permissions
 * [UserInfo][0:u32]                                       without (Rust SDKs read a flag plus 3 padding bytes)
 * </pre>
 *
 * @param permissions the user's permissions, null when it has none
 */
public record UserDetails(UserInfo user, @Nullable Permissions permissions) implements Response {
    public static UserDetails decode(ByteBuffer in) {
        UserInfo user = UserInfo.decode(in);
        int flag = Wire.u8(in, "has permissions");
        if (flag == 1) {
            return new UserDetails(user, PermissionsCodec.decodeSizedBlock(in));
        }
        Wire.require(in, 3, "permissions padding");
        if (flag != 0 || in.get() != 0 || in.get() != 0 || in.get() != 0) {
            throw new WhippetException(ErrorCode.INVALID_FORMAT, "no-permissions marker: expected four zero bytes");
        }
        return new UserDetails(user, null);
    }

    @Override
    public int encodedSize() {
        return user.encodedSize() + (permissions == null ? 4 : 1 + PermissionsCodec.sizedBlockSize(permissions));
    }

    @Override
    public void encode(ByteBuffer out) {
        user.encode(out);
        if (permissions == null) {
            out.putInt(0);
        } else {
            out.put((byte) 1);
            PermissionsCodec.encodeSizedBlock(permissions, out);
        }
    }
}
