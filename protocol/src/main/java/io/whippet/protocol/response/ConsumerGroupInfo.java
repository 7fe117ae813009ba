package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A consumer group as listed by GetConsumerGroups and returned by CreateConsumerGroup (13 bytes +
 * name).
 *
 * <pre>[id:u32][partitions_count:u32][members_count:u32][name:name8]</pre>
 */
public record ConsumerGroupInfo(long id, long partitionsCount, long membersCount, String name) implements Response {
    public static ConsumerGroupInfo decode(ByteBuffer in) {
        return new ConsumerGroupInfo(
                Wire.u32(in, "id"),
                Wire.u32(in, "partitions count"),
                Wire.u32(in, "members count"),
                WireStrings.name8(in, "name"));
    }

    /** Records back to back until the payload ends (the {@code ConsumerGroupInfo*} replies). */
    public static List<ConsumerGroupInfo> decodeList(ByteBuffer in) {
        return Responses.decodeList(in, ConsumerGroupInfo::decode);
    }

    @Override
    public int encodedSize() {
        return 4 + 4 + 4 + WireStrings.name8Size(name);
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, id, "id");
        Wire.putU32(out, partitionsCount, "partitions count");
        Wire.putU32(out, membersCount, "members count");
        WireStrings.putName8(out, name);
    }
}
