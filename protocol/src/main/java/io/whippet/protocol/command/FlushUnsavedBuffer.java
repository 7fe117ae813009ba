package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * FlushUnsavedBuffer (102): writes the partition's buffered messages, with fsync when asked.
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][partition_id:u32][fsync:u8 bool]</pre>
 */
public record FlushUnsavedBuffer(Identifier streamId, Identifier topicId, long partitionId, boolean fsync)
        implements Command {
    public static FlushUnsavedBuffer decode(ByteBuffer payload) {
        return new FlushUnsavedBuffer(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                Wire.u32(payload, "partition id"),
                Wire.bool(payload, "fsync"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.FLUSH_UNSAVED_BUFFER;
    }

    @Override
    public int encodedSize() {
        return streamId.encodedSize() + topicId.encodedSize() + 4 + 1;
    }

    @Override
    public void encode(ByteBuffer out) {
        streamId.encode(out);
        topicId.encode(out);
        Wire.putU32(out, partitionId, "partition id");
        out.put((byte) (fsync ? 1 : 0));
    }
}
