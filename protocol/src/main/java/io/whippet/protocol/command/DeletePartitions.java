package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * DeletePartitions (403): removes partitions from the end (highest ids first).
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][partitions_count:u32]</pre>
 */
public record DeletePartitions(Identifier streamId, Identifier topicId, long partitionsCount) implements Command {
    public static DeletePartitions decode(ByteBuffer payload) {
        return new DeletePartitions(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                Wire.u32(payload, "partitions count"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.DELETE_PARTITIONS;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + topicId.encodedSize() + 4;
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        topicId.encode(out);
        Wire.putU32(out, partitionsCount, "partitions count");
    }
}
