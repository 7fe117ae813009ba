package io.whippet.server.metadata;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.Permissions.GlobalPermissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.MetadataCommand.ChangePassword;
import io.whippet.server.metadata.MetadataCommand.CreateConsumerGroup;
import io.whippet.server.metadata.MetadataCommand.CreatePartitions;
import io.whippet.server.metadata.MetadataCommand.CreatePersonalAccessToken;
import io.whippet.server.metadata.MetadataCommand.CreateStream;
import io.whippet.server.metadata.MetadataCommand.CreateTopic;
import io.whippet.server.metadata.MetadataCommand.CreateUser;
import io.whippet.server.metadata.MetadataCommand.DeleteConsumerGroup;
import io.whippet.server.metadata.MetadataCommand.DeletePartitions;
import io.whippet.server.metadata.MetadataCommand.DeletePersonalAccessToken;
import io.whippet.server.metadata.MetadataCommand.DeleteStream;
import io.whippet.server.metadata.MetadataCommand.DeleteTopic;
import io.whippet.server.metadata.MetadataCommand.DeleteUser;
import io.whippet.server.metadata.MetadataCommand.UpdatePermissions;
import io.whippet.server.metadata.MetadataCommand.UpdateStream;
import io.whippet.server.metadata.MetadataCommand.UpdateTopic;
import io.whippet.server.metadata.MetadataCommand.UpdateUser;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The payload encoding of each {@link MetadataCommand} in the metadata log. Little-endian; {@code
 * str} is {@code u32 len} + UTF-8; ids are u32; {@code perms?} is {@code u8 present} then, when 1,
 * the block drawn at {@link #writePermissions}. Payload per type:
 *
 * <pre>
 *  1 CreateStream        [stream:4][created:8][name:str]
 *  2 UpdateStream        [stream:4][name:str]
 *  3 DeleteStream        [stream:4]
 * 10 CreateTopic         [stream:4][topic:4][created:8][partitions:4][compression:1][expiry:8][maxSize:8][rf:1][name:str]
 * 11 UpdateTopic         [stream:4][topic:4][compression:1][expiry:8][maxSize:8][rf:1][name:str]
 * 12 DeleteTopic         [stream:4][topic:4]
 * 20 CreatePartitions    [stream:4][topic:4][count:4][created:8]
 * 21 DeletePartitions    [stream:4][topic:4][count:4]
 * 30 CreateConsumerGroup [stream:4][topic:4][group:4][name:str]
 * 31 DeleteConsumerGroup [stream:4][topic:4][group:4]
 * 40 CreateUser          [user:4][created:8][status:1][username:str][hash:str][perms?]
 * 41 UpdateUser          [user:4][status:1][username:str]
 * 42 UpdatePermissions   [user:4][perms?]
 * 43 ChangePassword      [user:4][hash:str]
 * 44 DeleteUser          [user:4]
 * 50 CreatePersonalAccessToken [user:4][expiryAt:8][name:str][tokenHash:str]
 * 51 DeletePersonalAccessToken [user:4][name:str]
 * </pre>
 */
final class MetadataCommandCodec {
    private MetadataCommandCodec() {}

    static byte[] encode(MetadataCommand command) {
        ByteWriter out = new ByteWriter(64);
        switch (command) {
            case CreateStream c ->
                out.u32(c.streamId()).u64(c.createdAtMicros()).string(c.name());
            case UpdateStream c -> out.u32(c.streamId()).string(c.name());
            case DeleteStream c -> out.u32(c.streamId());
            case CreateTopic c ->
                out.u32(c.streamId())
                        .u32(c.topicId())
                        .u64(c.createdAtMicros())
                        .u32(c.partitionsCount())
                        .u8(c.compression().code())
                        .u64(c.messageExpiryMicros())
                        .u64(c.maxTopicSizeBytes())
                        .u8(c.replicationFactor())
                        .string(c.name());
            case UpdateTopic c ->
                out.u32(c.streamId())
                        .u32(c.topicId())
                        .u8(c.compression().code())
                        .u64(c.messageExpiryMicros())
                        .u64(c.maxTopicSizeBytes())
                        .u8(c.replicationFactor())
                        .string(c.name());
            case DeleteTopic c -> out.u32(c.streamId()).u32(c.topicId());
            case CreatePartitions c ->
                out.u32(c.streamId()).u32(c.topicId()).u32(c.count()).u64(c.createdAtMicros());
            case DeletePartitions c -> out.u32(c.streamId()).u32(c.topicId()).u32(c.count());
            case CreateConsumerGroup c ->
                out.u32(c.streamId()).u32(c.topicId()).u32(c.groupId()).string(c.name());
            case DeleteConsumerGroup c -> out.u32(c.streamId()).u32(c.topicId()).u32(c.groupId());
            case CreateUser c -> {
                out.u32(c.userId())
                        .u64(c.createdAtMicros())
                        .u8(c.status().code())
                        .string(c.username())
                        .string(c.passwordHash());
                writeOptionalPermissions(out, c.permissions());
            }
            case UpdateUser c -> out.u32(c.userId()).u8(c.status().code()).string(c.username());
            case UpdatePermissions c -> writeOptionalPermissions(out.u32(c.userId()), c.permissions());
            case ChangePassword c -> out.u32(c.userId()).string(c.passwordHash());
            case DeleteUser c -> out.u32(c.userId());
            case CreatePersonalAccessToken c ->
                out.u32(c.userId()).u64(c.expiryAtMicros()).string(c.name()).string(c.tokenHashHex());
            case DeletePersonalAccessToken c -> out.u32(c.userId()).string(c.name());
        }
        return out.toByteArray();
    }

    static MetadataCommand decode(int type, byte[] payload) {
        ByteReader in = new ByteReader(payload);
        MetadataCommand command = switch (type) {
            case 1 -> {
                long stream = in.u32();
                long created = in.u64();
                yield new CreateStream(stream, in.string(), created);
            }
            case 2 -> new UpdateStream(in.u32(), in.string());
            case 3 -> new DeleteStream(in.u32());
            case 10 -> {
                long stream = in.u32();
                long topic = in.u32();
                long created = in.u64();
                int partitions = (int) in.u32();
                CompressionAlgorithm compression = compression(in.u8());
                long expiry = in.u64();
                long maxSize = in.u64();
                int replicationFactor = in.u8();
                yield new CreateTopic(
                        stream,
                        topic,
                        in.string(),
                        created,
                        partitions,
                        compression,
                        expiry,
                        maxSize,
                        replicationFactor);
            }
            case 11 -> {
                long stream = in.u32();
                long topic = in.u32();
                CompressionAlgorithm compression = compression(in.u8());
                long expiry = in.u64();
                long maxSize = in.u64();
                int replicationFactor = in.u8();
                yield new UpdateTopic(stream, topic, in.string(), compression, expiry, maxSize, replicationFactor);
            }
            case 12 -> new DeleteTopic(in.u32(), in.u32());
            case 20 -> new CreatePartitions(in.u32(), in.u32(), (int) in.u32(), in.u64());
            case 21 -> new DeletePartitions(in.u32(), in.u32(), (int) in.u32());
            case 30 -> new CreateConsumerGroup(in.u32(), in.u32(), in.u32(), in.string());
            case 31 -> new DeleteConsumerGroup(in.u32(), in.u32(), in.u32());
            case 40 -> {
                long user = in.u32();
                long created = in.u64();
                UserStatus status = status(in.u8());
                String username = in.string();
                String hash = in.string();
                yield new CreateUser(user, username, hash, status, readOptionalPermissions(in), created);
            }
            case 41 -> {
                long user = in.u32();
                UserStatus status = status(in.u8());
                yield new UpdateUser(user, in.string(), status);
            }
            case 42 -> new UpdatePermissions(in.u32(), readOptionalPermissions(in));
            case 43 -> new ChangePassword(in.u32(), in.string());
            case 44 -> new DeleteUser(in.u32());
            case 50 -> {
                long user = in.u32();
                long expiry = in.u64();
                String name = in.string();
                yield new CreatePersonalAccessToken(user, name, in.string(), expiry);
            }
            case 51 -> new DeletePersonalAccessToken(in.u32(), in.string());
            default -> throw malformed("entry type: " + type + " (unknown)");
        };
        in.expectEnd();
        return command;
    }

    static void writeOptionalPermissions(ByteWriter out, @Nullable Permissions permissions) {
        if (permissions == null) {
            out.u8(0);
        } else {
            writePermissions(out.u8(1), permissions);
        }
    }

    static @Nullable Permissions readOptionalPermissions(ByteReader in) {
        return in.bool() ? readPermissions(in) : null;
    }

    /**
     * Permissions: {@code [10 global flags][streams:4]} then per stream, ascending by id, {@code
     * [id:4][6 flags][topics:4]} and per topic {@code [id:4][4 flags]}. Flags are one byte each, in
     * the wire order of {@link Permissions}.
     */
    static void writePermissions(ByteWriter out, Permissions permissions) {
        GlobalPermissions g = permissions.global();
        out.bool(g.manageServers())
                .bool(g.readServers())
                .bool(g.manageUsers())
                .bool(g.readUsers())
                .bool(g.manageStreams())
                .bool(g.readStreams())
                .bool(g.manageTopics())
                .bool(g.readTopics())
                .bool(g.pollMessages())
                .bool(g.sendMessages());
        Map<Long, StreamPermissions> streams = new TreeMap<>(permissions.streams());
        out.u32(streams.size());
        for (Map.Entry<Long, StreamPermissions> entry : streams.entrySet()) {
            StreamPermissions s = entry.getValue();
            out.u32(entry.getKey())
                    .bool(s.manageStream())
                    .bool(s.readStream())
                    .bool(s.manageTopics())
                    .bool(s.readTopics())
                    .bool(s.pollMessages())
                    .bool(s.sendMessages());
            Map<Long, TopicPermissions> topics = new TreeMap<>(s.topics());
            out.u32(topics.size());
            for (Map.Entry<Long, TopicPermissions> topic : topics.entrySet()) {
                TopicPermissions t = topic.getValue();
                out.u32(topic.getKey())
                        .bool(t.manageTopic())
                        .bool(t.readTopic())
                        .bool(t.pollMessages())
                        .bool(t.sendMessages());
            }
        }
    }

    static Permissions readPermissions(ByteReader in) {
        GlobalPermissions global = new GlobalPermissions(
                in.bool(), in.bool(), in.bool(), in.bool(), in.bool(), in.bool(), in.bool(), in.bool(), in.bool(),
                in.bool());
        int streamsCount = in.count();
        Map<Long, StreamPermissions> streams = new TreeMap<>();
        for (int i = 0; i < streamsCount; i++) {
            long streamId = in.u32();
            boolean manageStream = in.bool();
            boolean readStream = in.bool();
            boolean manageTopics = in.bool();
            boolean readTopics = in.bool();
            boolean poll = in.bool();
            boolean send = in.bool();
            int topicsCount = in.count();
            Map<Long, TopicPermissions> topics = new TreeMap<>();
            for (int j = 0; j < topicsCount; j++) {
                long topicId = in.u32();
                topics.put(topicId, new TopicPermissions(in.bool(), in.bool(), in.bool(), in.bool()));
            }
            streams.put(
                    streamId,
                    new StreamPermissions(manageStream, readStream, manageTopics, readTopics, poll, send, topics));
        }
        return new Permissions(global, streams);
    }

    static CompressionAlgorithm compression(int code) {
        return switch (code) {
            case 1 -> CompressionAlgorithm.NONE;
            case 2 -> CompressionAlgorithm.GZIP;
            default -> throw malformed("compression: " + code + " (expected: 1 or 2)");
        };
    }

    static UserStatus status(int code) {
        return switch (code) {
            case 1 -> UserStatus.ACTIVE;
            case 2 -> UserStatus.INACTIVE;
            default -> throw malformed("user status: " + code + " (expected: 1 or 2)");
        };
    }

    static WhippetException malformed(String message) {
        return new WhippetException(ErrorCode.CANNOT_READ_FILE, "malformed metadata entry: " + message);
    }
}
