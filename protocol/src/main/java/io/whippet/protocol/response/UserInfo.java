package io.whippet.protocol.response;

import io.whippet.protocol.UserStatus;
import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A user as listed by GetUsers (14 bytes + name).
 *
 * <pre>[id:u32][created_at_micros:u64][status:u8][username:name8]</pre>
 */
public record UserInfo(long id, long createdAtMicros, UserStatus status, String username) implements Response {
    public static UserInfo decode(ByteBuffer in) {
        return new UserInfo(
                Wire.u32(in, "id"),
                Wire.u64(in, "created at micros"),
                UserStatus.fromCode(Wire.u8(in, "status")),
                WireStrings.name8(in, "username"));
    }

    /** Records back to back until the payload ends (the {@code UserInfo*} replies). */
    public static List<UserInfo> decodeList(ByteBuffer in) {
        return Responses.decodeList(in, UserInfo::decode);
    }

    @Override
    public int encodedSize() {
        return 4 + 8 + 1 + WireStrings.name8Size(username);
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, id, "id");
        out.putLong(createdAtMicros);
        out.put((byte) status.code());
        WireStrings.putName8(out, username);
    }
}
