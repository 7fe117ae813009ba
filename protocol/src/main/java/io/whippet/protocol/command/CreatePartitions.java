package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * CreatePartitions (402): appends partitions with the next ids (more than 1000 is error 2015).
 *
 * <pre>[stream_id:Identifier][topic_id:Identifier][partitions_count:u32]</pre>
 */
public record CreatePartitions(Identifier streamId, Identifier topicId, long partitionsCount) implements Command {
    public static CreatePartitions decode(ByteBuffer payload) {
        return new CreatePartitions(
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                Wire.u32(payload, "partitions count"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.CREATE_PARTITIONS;
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
