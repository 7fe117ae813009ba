package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A connection as listed by GetClients (17 bytes + address). {@code userId} is 0xFFFFFFFF when not
 * logged in.
 *
 * <pre>[client_id:u32][user_id:u32][transport:u8][address:str32][consumer_groups_count:u32]</pre>
 */
public record ClientInfo(long clientId, long userId, Transport transport, String address, long consumerGroupsCount)
        implements Response {
    /** The user id a client that has not logged in reports. */
    public static final long NO_USER = 0xFFFF_FFFFL;

    public static ClientInfo decode(ByteBuffer in) {
        return new ClientInfo(
                Wire.u32(in, "client id"),
                Wire.u32(in, "user id"),
                Transport.fromCode(Wire.u8(in, "transport")),
                WireStrings.str32(in, "address"),
                Wire.u32(in, "consumer groups count"));
    }

    /** Records back to back until the payload ends (the {@code ClientInfo*} replies). */
    public static List<ClientInfo> decodeList(ByteBuffer in) {
        return Responses.decodeList(in, ClientInfo::decode);
    }

    @Override
    public int encodedSize() {
        return 4 + 4 + 1 + WireStrings.str32Size(address) + 4;
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, clientId, "client id");
        Wire.putU32(out, userId, "user id");
        out.put((byte) transport.code());
        WireStrings.putStr32(out, address);
        Wire.putU32(out, consumerGroupsCount, "consumer groups count");
    }
}
