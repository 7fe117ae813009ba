package io.whippet.protocol.response;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * GetConsumerGroup reply: the group, then its members until the payload ends.
 *
 * <pre>[ConsumerGroupInfo][ConsumerGroupMember]*</pre>
 */
public record ConsumerGroupDetails(ConsumerGroupInfo group, List<ConsumerGroupMember> members) implements Response {
    public ConsumerGroupDetails {
        members = List.copyOf(members);
    }

    public static ConsumerGroupDetails decode(ByteBuffer in) {
        return new ConsumerGroupDetails(
                ConsumerGroupInfo.decode(in), Responses.decodeList(in, ConsumerGroupMember::decode));
    }

    @Override
    public int encodedSize() {
        return group.encodedSize() + Responses.encodedSize(members);
    }

    @Override
    public void encode(ByteBuffer out) {
        group.encode(out);
        Responses.encodeList(members, out);
    }
}
