package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * GetConsumerOffset reply (20 bytes): the partition, its current offset and the stored offset.
 *
 * <pre>[partition_id:u32][current_offset:u64][stored_offset:u64]</pre>
 */
public record ConsumerOffsetInfo(long partitionId, long currentOffset, long storedOffset) implements Response {
    public static final int ENCODED_SIZE = 20;

    public static ConsumerOffsetInfo decode(ByteBuffer in) {
        return new ConsumerOffsetInfo(
                Wire.u32(in, "partition id"), Wire.u64(in, "current offset"), Wire.u64(in, "stored offset"));
    }

    @Override
    public int encodedSize() {
        return 4 + 8 + 8;
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, partitionId, "partition id");
        out.putLong(currentOffset);
        out.putLong(storedOffset);
    }
}
