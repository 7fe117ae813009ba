package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * PollMessages reply: a 16-byte header, then the stored messages back to back with no index
 * table. The server writes the header with {@link #encodeHeader} and sends the messages straight
 * from storage; {@link #messages()} is a little-endian view of them, not a copy.
 *
 * <pre>[partition_id:u32][current_offset:u64][count:u32][message]*</pre>
 *
 * @param currentOffset the partition's highest assigned offset (0 when empty)
 * @param count the count field as sent; readers (like the Java SDK) rely on the payload end
 */
public record PolledMessages(long partitionId, long currentOffset, long count, ByteBuffer messages)
        implements Response {
    public static final int HEADER_BYTES = 16;

    public static PolledMessages decode(ByteBuffer in) {
        long partitionId = Wire.u32(in, "partition id");
        long currentOffset = Wire.u64(in, "current offset");
        long count = Wire.u32(in, "count");
        return new PolledMessages(partitionId, currentOffset, count, Wire.slice(in, in.remaining(), "messages"));
    }

    /** Builds a reply from decoded messages (for tests and fakes). */
    public static PolledMessages of(long partitionId, long currentOffset, List<PolledMessage> messages) {
        int size = 0;
        for (PolledMessage message : messages) {
            size += message.encodedSize();
        }
        ByteBuffer area = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (PolledMessage message : messages) {
            message.encode(area);
        }
        return new PolledMessages(partitionId, currentOffset, messages.size(), area.flip());
    }

    /** Decodes every message of the area, in order, until it ends. */
    public List<PolledMessage> decodeMessages() {
        ByteBuffer in = messages.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<PolledMessage> decoded = new ArrayList<>();
        while (in.hasRemaining()) {
            decoded.add(PolledMessage.decode(in));
        }
        return decoded;
    }

    /** Writes the 16-byte header; the caller sends the messages after it. */
    public static void encodeHeader(ByteBuffer out, long partitionId, long currentOffset, long count) {
        Wire.putU32(out, partitionId, "partition id");
        out.putLong(currentOffset);
        Wire.putU32(out, count, "count");
    }

    @Override
    public int encodedSize() {
        return HEADER_BYTES + messages.remaining();
    }

    @Override
    public void encode(ByteBuffer out) {
        encodeHeader(out, partitionId, currentOffset, count);
        out.put(messages.duplicate());
    }
}
