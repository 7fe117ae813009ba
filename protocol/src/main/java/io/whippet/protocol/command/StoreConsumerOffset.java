package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * StoreConsumerOffset (121): stores a consumer's (or group's) offset.
 *
 * <pre>[consumer:Consumer][stream_id:Identifier][topic_id:Identifier][partition_id:OptionalPartitionId][offset:u64]</pre>
 */
public record StoreConsumerOffset(
        Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId, long offset)
        implements Command {
    public static StoreConsumerOffset decode(ByteBuffer payload) {
        return new StoreConsumerOffset(
                Consumer.decode(payload),
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                OptionalPartitionId.decode(payload),
                Wire.u64(payload, "offset"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.STORE_CONSUMER_OFFSET;
    }

    @Override
    public int encodedSize() {
        return consumer.encodedSize()
                + streamId.encodedSize()
                + topicId.encodedSize()
                + OptionalPartitionId.ENCODED_SIZE
                + 8;
    }

    @Override
    public void encode(ByteBuffer out) {
        consumer.encode(out);
        streamId.encode(out);
        topicId.encode(out);
        partitionId.encode(out);
        out.putLong(offset);
    }
}
