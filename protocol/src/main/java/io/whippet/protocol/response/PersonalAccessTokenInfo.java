package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A token as listed by GetPersonalAccessTokens; expiry 0 = never expires.
 *
 * <pre>[name:name8][expiry_at_micros:u64]</pre>
 */
public record PersonalAccessTokenInfo(String name, long expiryAtMicros) implements Response {
    public static PersonalAccessTokenInfo decode(ByteBuffer in) {
        return new PersonalAccessTokenInfo(WireStrings.name8(in, "name"), Wire.u64(in, "expiry at micros"));
    }

    /** Records back to back until the payload ends (the {@code PersonalAccessTokenInfo*} replies). */
    public static List<PersonalAccessTokenInfo> decodeList(ByteBuffer in) {
        return Responses.decodeList(in, PersonalAccessTokenInfo::decode);
    }

    @Override
    public int encodedSize() {
        return WireStrings.name8Size(name) + 8;
    }

    @Override
    public void encode(ByteBuffer out) {
        WireStrings.putName8(out, name);
        out.putLong(expiryAtMicros);
    }
}
