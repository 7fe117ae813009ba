package io.whippet.protocol.response;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * GetStream reply: the stream, then its topic headers (sorted by id) until the payload ends.
 *
 * <pre>[StreamInfo][TopicInfo]*</pre>
 */
public record StreamDetails(StreamInfo stream, List<TopicInfo> topics) implements Response {
    public StreamDetails {
        topics = List.copyOf(topics);
    }

    public static StreamDetails decode(ByteBuffer in) {
        return new StreamDetails(StreamInfo.decode(in), TopicInfo.decodeList(in));
    }

    @Override
    public int encodedSize() {
        return stream.encodedSize() + Responses.encodedSize(topics);
    }

    @Override
    public void encode(ByteBuffer out) {
        stream.encode(out);
        Responses.encodeList(topics, out);
    }
}
