package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * LoginUser and LoginWithPersonalAccessToken reply (4 bytes): the logged-in user id.
 *
 * <pre>[user_id:u32]</pre>
 */
public record Identity(long userId) implements Response {
    public static final int ENCODED_SIZE = 4;

    public static Identity decode(ByteBuffer in) {
        return new Identity(Wire.u32(in, "user id"));
    }

    @Override
    public int encodedSize() {
        return 4;
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, userId, "user id");
    }
}
