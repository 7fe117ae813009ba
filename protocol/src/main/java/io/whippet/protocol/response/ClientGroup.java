package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import java.nio.ByteBuffer;

/**
 * A consumer group a client has joined, inside ClientDetails (12 bytes).
 *
 * <pre>[stream_id:u32][topic_id:u32][group_id:u32]</pre>
 */
public record ClientGroup(long streamId, long topicId, long groupId) implements Response {
    public static final int ENCODED_SIZE = 12;

    public static ClientGroup decode(ByteBuffer in) {
        return new ClientGroup(Wire.u32(in, "stream id"), Wire.u32(in, "topic id"), Wire.u32(in, "group id"));
    }

    @Override
    public int encodedSize() {
        return ENCODED_SIZE;
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, streamId, "stream id");
        Wire.putU32(out, topicId, "topic id");
        Wire.putU32(out, groupId, "group id");
    }
}
