package io.whippet.protocol.response;

import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * CreatePersonalAccessToken reply: the raw secret, shown only once.
 *
 * <pre>[token:name8]</pre>
 */
public record RawPersonalAccessToken(String token) implements Response {
    public static RawPersonalAccessToken decode(ByteBuffer in) {
        return new RawPersonalAccessToken(WireStrings.name8(in, "token"));
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
