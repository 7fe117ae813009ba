package io.whippet.protocol;

import io.whippet.protocol.Permissions.GlobalPermissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The permissions block: ten global flags, then continuation-flag lists of streams and topics.
 *
 * <pre>
 * block  = [global flags:10] streams
 * streams = ([1][stream_id:u32][stream flags:6] topics)* [0]
 * topics  = ([1][topic_id:u32][topic flags:4])* [0]
 * sized   = [block_length:u32][block]      (block_length must equal the decoded length, else error 4)
 * </pre>
 *
 * Flags are read as "non-zero is true"; a continuation byte of 1 means another entry follows and
 * anything else ends the list. Entries are written in ascending id order; when a list repeats an
 * id, the last entry wins.
 */
public final class PermissionsCodec {
    private static final int GLOBAL_FLAGS = 10;
    private static final int STREAM_FLAGS = 6;
    private static final int TOPIC_FLAGS = 4;

    private PermissionsCodec() {}

    /** Size of the block alone (without the u32 length). */
    public static int blockSize(Permissions permissions) {
        int size = GLOBAL_FLAGS + 1;
        for (StreamPermissions stream : permissions.streams().values()) {
            size += 1 + 4 + STREAM_FLAGS + 1 + stream.topics().size() * (1 + 4 + TOPIC_FLAGS);
        }
        return size;
    }

    /** Size of {@code [block_length:u32][block]}. */
    public static int sizedBlockSize(Permissions permissions) {
        return 4 + blockSize(permissions);
    }

    public static void encodeBlock(Permissions permissions, ByteBuffer out) {
        GlobalPermissions g = permissions.global();
        flags(
                out,
                g.manageServers(),
                g.readServers(),
                g.manageUsers(),
                g.readUsers(),
                g.manageStreams(),
                g.readStreams(),
                g.manageTopics(),
                g.readTopics(),
                g.pollMessages(),
                g.sendMessages());
        for (Map.Entry<Long, StreamPermissions> entry : new TreeMap<>(permissions.streams()).entrySet()) {
            StreamPermissions s = entry.getValue();
            out.put((byte) 1);
            Wire.putU32(out, entry.getKey(), "stream id");
            flags(
                    out,
                    s.manageStream(),
                    s.readStream(),
                    s.manageTopics(),
                    s.readTopics(),
                    s.pollMessages(),
                    s.sendMessages());
            for (Map.Entry<Long, TopicPermissions> topic : new TreeMap<>(s.topics()).entrySet()) {
                TopicPermissions t = topic.getValue();
                out.put((byte) 1);
                Wire.putU32(out, topic.getKey(), "topic id");
                flags(out, t.manageTopic(), t.readTopic(), t.pollMessages(), t.sendMessages());
            }
            out.put((byte) 0);
        }
        out.put((byte) 0);
    }

    public static void encodeSizedBlock(Permissions permissions, ByteBuffer out) {
        out.putInt(blockSize(permissions));
        encodeBlock(permissions, out);
    }

    /** Reads a block at the buffer's position; truncation is error 3. */
    public static Permissions decodeBlock(ByteBuffer in) {
        GlobalPermissions global = new GlobalPermissions(
                flag(in), flag(in), flag(in), flag(in), flag(in), flag(in), flag(in), flag(in), flag(in), flag(in));
        Map<Long, StreamPermissions> streams = new LinkedHashMap<>();
        while (Wire.u8(in, "permissions stream continuation") == 1) {
            long streamId = Wire.u32(in, "permissions stream id");
            boolean manageStream = flag(in);
            boolean readStream = flag(in);
            boolean manageTopics = flag(in);
            boolean readTopics = flag(in);
            boolean pollMessages = flag(in);
            boolean sendMessages = flag(in);
            Map<Long, TopicPermissions> topics = new LinkedHashMap<>();
            while (Wire.u8(in, "permissions topic continuation") == 1) {
                long topicId = Wire.u32(in, "permissions topic id");
                topics.put(topicId, new TopicPermissions(flag(in), flag(in), flag(in), flag(in)));
            }
            streams.put(
                    streamId,
                    new StreamPermissions(
                            manageStream, readStream, manageTopics, readTopics, pollMessages, sendMessages, topics));
        }
        return new Permissions(global, streams);
    }

    /**
     * Reads {@code [block_length:u32][block]}: truncation is error 3, a decoded length different
     * from {@code block_length} is error 4.
     */
    public static Permissions decodeSizedBlock(ByteBuffer in) {
        long declared = Wire.u32(in, "permissions length");
        int start = in.position();
        Permissions permissions = decodeBlock(in);
        int decoded = in.position() - start;
        if (decoded != declared) {
            throw new WhippetException(
                    ErrorCode.INVALID_FORMAT,
                    "permissions length: " + declared + " (expected: " + decoded + ", the decoded length)");
        }
        return permissions;
    }

    private static boolean flag(ByteBuffer in) {
        return Wire.bool(in, "permission flag");
    }

    private static void flags(ByteBuffer out, boolean... values) {
        for (boolean value : values) {
            out.put((byte) (value ? 1 : 0));
        }
    }
}
