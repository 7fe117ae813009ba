package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One member of a consumer group and the partitions assigned to it.
 *
 * <pre>[member_id:u32][partitions_count:u32][partition_id:u32 × partitions_count]</pre>
 */
public record ConsumerGroupMember(long memberId, List<Long> partitionIds) implements Response {
    public ConsumerGroupMember {
        partitionIds = List.copyOf(partitionIds);
    }

    public static ConsumerGroupMember decode(ByteBuffer in) {
        long memberId = Wire.u32(in, "member id");
        long count = Wire.u32(in, "member partitions count");
        Wire.require(in, count * 4, "member partitions");
        List<Long> partitionIds = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            partitionIds.add(Wire.u32(in, "member partition id"));
        }
        return new ConsumerGroupMember(memberId, partitionIds);
    }

    @Override
    public int encodedSize() {
        return 8 + 4 * partitionIds.size();
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, memberId, "member id");
        out.putInt(partitionIds.size());
        for (long partitionId : partitionIds) {
            Wire.putU32(out, partitionId, "partition id");
        }
    }
}
