package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;

/**
 * UpdateTopic (304): changes a topic's settings and name (value conventions as in {@link
 * CreateTopic}).
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][compression_algorithm:u8][message_expiry_micros:u64][max_topic_size_bytes:u64][replication_factor:u8][name:name8]</pre>
 */
public record UpdateTopic(
        Identifier streamId,
        Identifier topicId,
        CompressionAlgorithm compressionAlgorithm,
        long messageExpiryMicros,
        long maxTopicSizeBytes,
        int replicationFactor,
        String name)
        implements Command {
    public static UpdateTopic decode(ByteBuffer payload) {
        return new UpdateTopic(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                CompressionAlgorithm.fromCode(Wire.u8(payload, "compression algorithm")),
                Wire.u64(payload, "message expiry micros"),
                Wire.u64(payload, "max topic size bytes"),
                Wire.u8(payload, "replication factor"),
                WireStrings.name8(payload, "name"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.UPDATE_TOPIC;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + topicId.encodedSize() + 1 + 8 + 8 + 1 + WireStrings.name8Size(name);
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        topicId.encode(out);
        out.put((byte) compressionAlgorithm.code());
        out.putLong(messageExpiryMicros);
        out.putLong(maxTopicSizeBytes);
        out.put((byte) replicationFactor);
        WireStrings.putName8(out, name);
    }
}
