package io.whippet.protocol.response;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * GetTopic and CreateTopic reply: the topic header, then its partitions (ids ascending) until the
 * payload ends.
 *
 * <pre>[TopicInfo][PartitionInfo]*</pre>
 */
public record TopicDetails(TopicInfo topic, List<PartitionInfo> partitions) implements Response {
    public TopicDetails {
        partitions = List.copyOf(partitions);
    }

    public static TopicDetails decode(ByteBuffer in) {
        return new TopicDetails(TopicInfo.decode(in), PartitionInfo.decodeList(in));
    }

    @Override
    public int encodedSize() {
        return topic.encodedSize() + partitions.size() * PartitionInfo.ENCODED_SIZE;
    }

    @Override
    public void encode(ByteBuffer out) {
        topic.encode(out);
        Responses.encodeList(partitions, out);
    }
}
