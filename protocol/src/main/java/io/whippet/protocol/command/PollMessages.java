package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * PollMessages (100): reads messages from one partition; the reply is {@code PolledMessages}.
 * {@code count} is a u32; {@code autoCommit} stores the last returned offset.
 *
 * <pre>[consumer:Consumer][stream_id:Identifier][topic_id:Identifier][partition_id:OptionalPartitionId][strategy:PollingStrategy][count:u32][auto_commit:u8 bool]</pre>
 */
public record PollMessages(
        Consumer consumer,
        Identifier streamId,
        Identifier topicId,
        OptionalPartitionId partitionId,
        PollingStrategy strategy,
        long count,
        boolean autoCommit)
        implements Command {
    public static PollMessages decode(ByteBuffer payload) {
        return new PollMessages(
                Consumer.decode(payload),
                Identifier.decode(payload, "stream id"),
                Identifier.decode(payload, "topic id"),
                OptionalPartitionId.decode(payload),
                PollingStrategy.decode(payload),
                Wire.u32(payload, "count"),
                Wire.bool(payload, "auto commit"));
    }

    @Override
    public CommandCode code() {
        return CommandCode.POLL_MESSAGES;
    }

    @Override
    public int encodedSize() {
        return consumer.encodedSize()
                + streamId.encodedSize()
                + topicId.encodedSize()
                + OptionalPartitionId.ENCODED_SIZE
                + PollingStrategy.ENCODED_SIZE
                + 4
                + 1;
    }

    @Override
    public void encode(ByteBuffer out) {
        consumer.encode(out);
        streamId.encode(out);
        topicId.encode(out);
        partitionId.encode(out);
        strategy.encode(out);
        Wire.putU32(out, count, "count");
        out.put((byte) (autoCommit ? 1 : 0));
    }
}
