package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A stream as listed by GetStreams and returned by CreateStream (33 bytes + name).
 *
 * <pre>[id:u32][created_at_micros:u64][topics_count:u32][size_bytes:u64][messages_count:u64][name:name8]</pre>
 */
public record StreamInfo(
        long id, long createdAtMicros, long topicsCount, long sizeBytes, long messagesCount, String name)
        implements Response {
    public static StreamInfo decode(ByteBuffer in) {
        return new StreamInfo(
                Wire.u32(in, "id"),
                Wire.u64(in, "created at micros"),
                Wire.u32(in, "topics count"),
                Wire.u64(in, "size bytes"),
                Wire.u64(in, "messages count"),
                WireStrings.name8(in, "name"));
    }

    /** Records back to back until the payload ends (the {@code StreamInfo*} replies). */
    public static List<StreamInfo> decodeList(ByteBuffer in) {
        return Responses.decodeList(in, StreamInfo::decode);
    }

    @Override
    public int encodedSize() {
        return 4 + 8 + 4 + 8 + 8 + WireStrings.name8Size(name);
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, id, "id");
        out.putLong(createdAtMicros);
        Wire.putU32(out, topicsCount, "topics count");
        out.putLong(sizeBytes);
        out.putLong(messagesCount);
        WireStrings.putName8(out, name);
    }
}
