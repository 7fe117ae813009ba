package io.whippet.protocol;

import java.nio.ByteBuffer;

/**
 * The fixed 5-byte "optional partition id" of polls and consumer offsets.
 *
 * <pre>[flag:1 (1 = present, anything else = absent)][partition_id:u32, 0 when absent]</pre>
 *
 * @param present whether a partition id was given
 * @param partitionId the partition id; 0 when absent
 */
public record OptionalPartitionId(boolean present, long partitionId) {
    public static final int ENCODED_SIZE = 5;

    private static final OptionalPartitionId ABSENT = new OptionalPartitionId(false, 0);

    public OptionalPartitionId {
        if (partitionId < 0 || partitionId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("partition id: " + partitionId + " (expected: 0..4294967295)");
        }
    }

    public static OptionalPartitionId absent() {
        return ABSENT;
    }

    public static OptionalPartitionId of(long partitionId) {
        return new OptionalPartitionId(true, partitionId);
    }

    /** The partition id if present, else {@code fallback}. */
    public long orElse(long fallback) {
        return present ? partitionId : fallback;
    }

    public static OptionalPartitionId decode(ByteBuffer in) {
        boolean present = Wire.u8(in, "partition flag") == 1;
        long partitionId = Wire.u32(in, "partition id");
        return new OptionalPartitionId(present, partitionId);
    }

    public void encode(ByteBuffer out) {
        out.put((byte) (present ? 1 : 0)).putInt((int) partitionId);
    }
}
