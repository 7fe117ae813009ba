package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * DeleteSegments (503): deletes up to {@code segmentsCount} of the oldest sealed segments of a
 * partition.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][partition_id:u32][segments_count:u32]</pre>
 */
public record DeleteSegments(Identifier streamId, Identifier topicId, long partitionId, long segmentsCount)
        implements Command {
    public static DeleteSegments decode(ByteBuffer payload) {
        return new DeleteSegments(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                Wire.u32(payload, "partition id"),
                Wire.u32(payload, "segments count"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.DELETE_SEGMENTS;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + topicId.encodedSize() + 4 + 4;
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        topicId.encode(out);
        Wire.putU32(out, partitionId, "partition id");
        Wire.putU32(out, segmentsCount, "segments count");
    }
}
