package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * CreatePersonalAccessToken (42): a new token; expiry in microseconds, 0 = server default, u64::MAX
 * = never. Name length rules belong to the handler.
 *
 * <pre>[name:name8][expiry_micros:u64]</pre>
 */
public record CreatePersonalAccessToken(String name, long expiryMicros) implements Command {
    public static CreatePersonalAccessToken decode(ByteBuffer payload) {
        return new CreatePersonalAccessToken(WireStrings.name8(payload, "name"), Wire.u64(payload, "expiry micros"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.CREATE_PERSONAL_ACCESS_TOKEN;
    }

    @Override
    public int encodedSize() {
        return WireStrings.name8Size(name) + 8;
    }

    @Override
    public void encode(ByteBuffer out) {
        WireStrings.putName8(out, name);
        out.putLong(expiryMicros);
    }
}
