package io.whippet.protocol.response;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A topic header as listed by GetTopics (51 bytes + name). Expiry and size use u64::MAX (-1L) for
 * never/unlimited.
 *
 * <pre>[id:u32][created_at_micros:u64][partitions_count:u32][message_expiry_micros:u64][compression_algorithm:u8][max_topic_size_bytes:u64][replication_factor:u8][size_bytes:u64][messages_count:u64][name:name8]</pre>
 */
public record TopicInfo(
        long id,
        long createdAtMicros,
        long partitionsCount,
        long messageExpiryMicros,
        CompressionAlgorithm compressionAlgorithm,
        long maxTopicSizeBytes,
        int replicationFactor,
        long sizeBytes,
        long messagesCount,
        String name)
        implements Response {
    public static TopicInfo decode(ByteBuffer in) {
        return new TopicInfo(
                Wire.u32(in, "id"),
                Wire.u64(in, "created at micros"),
                Wire.u32(in, "partitions count"),
                Wire.u64(in, "message expiry micros"),
                CompressionAlgorithm.fromCode(Wire.u8(in, "compression algorithm")),
                Wire.u64(in, "max topic size bytes"),
                Wire.u8(in, "replication factor"),
                Wire.u64(in, "size bytes"),
                Wire.u64(in, "messages count"),
                WireStrings.name8(in, "name"));
    }

    /** Records back to back until the payload ends (the {@code TopicInfo*} replies). */
    public static List<TopicInfo> decodeList(ByteBuffer in) {
        return Responses.decodeList(in, TopicInfo::decode);
    }

    @Override
    public int encodedSize() {
        return 4 + 8 + 4 + 8 + 1 + 8 + 1 + 8 + 8 + WireStrings.name8Size(name);
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, id, "id");
        out.putLong(createdAtMicros);
        Wire.putU32(out, partitionsCount, "partitions count");
        out.putLong(messageExpiryMicros);
        out.put((byte) compressionAlgorithm.code());
        out.putLong(maxTopicSizeBytes);
        out.put((byte) replicationFactor);
        out.putLong(sizeBytes);
        out.putLong(messagesCount);
        WireStrings.putName8(out, name);
    }
}
