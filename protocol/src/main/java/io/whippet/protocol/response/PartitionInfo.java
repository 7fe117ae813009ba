package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A partition inside TopicDetails (40 bytes).
 *
 * <pre>[id:u32][created_at_micros:u64][segments_count:u32][current_offset:u64][size_bytes:u64][messages_count:u64]</pre>
 */
public record PartitionInfo(
        long id, long createdAtMicros, long segmentsCount, long currentOffset, long sizeBytes, long messagesCount)
        implements Response {
    public static final int ENCODED_SIZE = 40;

    public static PartitionInfo decode(ByteBuffer in) {
        return new PartitionInfo(
                Wire.u32(in, "id"),
                Wire.u64(in, "created at micros"),
                Wire.u32(in, "segments count"),
                Wire.u64(in, "current offset"),
                Wire.u64(in, "size bytes"),
                Wire.u64(in, "messages count"));
    }

    /** Records back to back until the payload ends (the {@code PartitionInfo*} replies). */
    public static List<PartitionInfo> decodeList(ByteBuffer in) {
        return Responses.decodeList(in, PartitionInfo::decode);
    }

    @Override
    public int encodedSize() {
        return 4 + 8 + 4 + 8 + 8 + 8;
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, id, "id");
        out.putLong(createdAtMicros);
        Wire.putU32(out, segmentsCount, "segments count");
        out.putLong(currentOffset);
        out.putLong(sizeBytes);
        out.putLong(messagesCount);
    }
}
