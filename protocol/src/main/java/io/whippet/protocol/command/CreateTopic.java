package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * CreateTopic (302): a new topic with partitions 0..n-1. Expiry and size: 0 = server default,
 * u64::MAX = never/unlimited; replication factor 0 = 1; compression other than 1..2 is error 3.
 *
 * <pre>[stream_id:Identifier][partitions_count:u32][compression_algorithm:u8][message_expiry_micros:u64][max_topic_size_bytes:u64][replication_factor:u8][name:name8]</pre>
 */
public record CreateTopic(
        Identifier streamId,
        long partitionsCount,
        CompressionAlgorithm compressionAlgorithm,
        long messageExpiryMicros,
        long maxTopicSizeBytes,
        int replicationFactor,
        String name)
        implements Command {
    public static CreateTopic decode(ByteBuffer payload) {
        return new CreateTopic(
                Identifier.decode(payload, "stream id"),
                Wire.u32(payload, "partitions count"),
                CompressionAlgorithm.fromCode(Wire.u8(payload, "compression algorithm")),
                Wire.u64(payload, "message expiry micros"),
                Wire.u64(payload, "max topic size bytes"),
                Wire.u8(payload, "replication factor"),
                WireStrings.name8(payload, "name"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.CREATE_TOPIC;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + 4 + 1 + 8 + 8 + 1 + WireStrings.name8Size(name);
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        Wire.putU32(out, partitionsCount, "partitions count");
        out.put((byte) compressionAlgorithm.code());
        out.putLong(messageExpiryMicros);
        out.putLong(maxTopicSizeBytes);
        out.put((byte) replicationFactor);
        WireStrings.putName8(out, name);
    }
}
