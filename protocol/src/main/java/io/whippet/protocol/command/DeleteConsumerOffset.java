package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import java.nio.ByteBuffer;

/**
 * DeleteConsumerOffset (122): forgets a stored offset (error 3021 when none).
 *
 * <pre>[consumer:Consumer][stream_id:Identifier][topic_id:Identifier][partition_id:OptionalPartitionId]</pre>
 */
public record DeleteConsumerOffset(
        Consumer consumer, Identifier streamId, Identifier topicId, OptionalPartitionId partitionId)
        implements Command {
    public static DeleteConsumerOffset decode(ByteBuffer payload) {
        return new DeleteConsumerOffset(
                Consumer.decode(payload),
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                OptionalPartitionId.decode(payload));
    }

    @Override
    public CommandCode code() {
        return CommandCode.DELETE_CONSUMER_OFFSET;
    }

    @Override
    public int encodedSize() {
        return consumer.encodedSize()
                + streamId.encodedSize()
                + topicId.encodedSize()
                + OptionalPartitionId.ENCODED_SIZE;
    }

    @Override
    public void encode(ByteBuffer out) {
        consumer.encode(out);
        streamId.encode(out);
        topicId.encode(out);
        partitionId.encode(out);
    }
}
