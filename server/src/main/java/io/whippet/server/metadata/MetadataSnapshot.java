package io.whippet.server.metadata;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.MetadataView.StreamNode;
import io.whippet.server.metadata.MetadataView.TopicNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The whole metadata model in one file, so start-up need not replay every change ever made. Written
 * to a temporary file, fsynced, renamed over the old snapshot and the directory fsynced: a crash
 * leaves either the old or the new snapshot, never a mix.
 *
 * <pre>
 * [magic "WMS1":4][crc32c:4][sequence:8][bodyLength:4][body]     crc32c covers sequence..body
 * body  = [slab][streams:4]{[id:4][created:8][name:str][slab][topics:4]{topic}}
 *         [slab][users:4]{[id:4][created:8][status:1][username:str][hash:str][perms?]}
 *         [tokens:4]{[user:4][expiryAt:8][name:str][hash:str]}
 * topic = [id:4][created:8][name:str][compression:1][expiry:8][maxSize:8][rf:1]
 *         [partitions:4]{[created:8]}[slab][groups:4]{[id:4][name:str]}
 * slab  = [nextNeverUsed:8][freed:4]{[id:4]}   (freed in push order)
 * </pre>
 *
 * Little-endian; {@code str} and {@code perms?} as in {@link MetadataCommandCodec}.
 */
final class MetadataSnapshot {
    static final String FILE_NAME = "metadata.snapshot";
    private static final int MAGIC = 0x31534D57; // "WMS1" read little-endian
    private static final int HEADER_BYTES = 20;

    private MetadataSnapshot() {}

    /** Writes {@code view} as the directory's snapshot, atomically and durably. */
    static void write(Path directory, MetadataView view) {
        byte[] body = encode(view);
        ByteBuffer file = ByteBuffer.allocate(HEADER_BYTES + body.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(MAGIC)
                .putInt(0)
                .putLong(view.sequence())
                .putInt(body.length)
                .put(body);
        CRC32C crc = new CRC32C();
        crc.update(file.slice(8, file.capacity() - 8));
        file.putInt(4, (int) crc.getValue());
        file.flip();
        Path target = directory.resolve(FILE_NAME);
        Path temp = directory.resolve(FILE_NAME + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                while (file.hasRemaining()) {
                    channel.write(file);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            MetadataLog.fsyncDirectory(directory);
        } catch (IOException e) {
            throw new WhippetException(ErrorCode.CANNOT_WRITE_TO_FILE, "metadata snapshot: " + target + ": " + e, e);
        }
    }

    /** The directory's snapshot, or empty when none was written yet. */
    static Optional<MetadataView> read(Path directory) {
        Path path = directory.resolve(FILE_NAME);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new WhippetException(ErrorCode.CANNOT_READ_FILE, "metadata snapshot: " + path + ": " + e, e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER_BYTES || buffer.getInt(0) != MAGIC) {
            throw damaged(path, "bad header");
        }
        long bodyLength = buffer.getInt(16) & 0xFFFF_FFFFL;
        if (bodyLength != bytes.length - HEADER_BYTES) {
            throw damaged(path, "body length: " + bodyLength + " (expected: " + (bytes.length - HEADER_BYTES) + ")");
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(8, bytes.length - 8));
        if ((int) crc.getValue() != buffer.getInt(4)) {
            throw damaged(path, "checksum mismatch");
        }
        byte[] body = new byte[(int) bodyLength];
        buffer.get(HEADER_BYTES, body);
        try {
            return Optional.of(decode(buffer.getLong(8), body));
        } catch (WhippetException e) {
            throw damaged(path, String.valueOf(e.getMessage()));
        }
    }

    private static WhippetException damaged(Path path, String why) {
        return new WhippetException(ErrorCode.CANNOT_READ_FILE, "metadata snapshot " + path + " is damaged: " + why);
    }

    static byte[] encode(MetadataView view) {
        ByteWriter out = new ByteWriter(4096);
        writeSlab(out, view.streamIds());
        out.u32(view.streamNodes().size());
        for (StreamNode stream : view.streamNodes().values()) {
            StreamInfo info = stream.info();
            out.u32(info.id()).u64(info.createdAtMicros()).string(info.name());
            writeSlab(out, stream.topicIds());
            out.u32(stream.topics().size());
            for (TopicNode topic : stream.topics().values()) {
                writeTopic(out, topic);
            }
        }
        writeSlab(out, view.userIds());
        out.u32(view.userMap().size());
        for (User user : view.userMap().values()) {
            out.u32(user.id())
                    .u64(user.createdAtMicros())
                    .u8(user.status().code())
                    .string(user.username())
                    .string(user.passwordHash());
            MetadataCommandCodec.writeOptionalPermissions(out, user.permissionsOrNull());
        }
        out.u32(view.tokensByHash().size());
        for (PersonalAccessToken token : view.tokensByHash().values()) {
            out.u32(token.userId())
                    .u64(token.expiryAtMicros())
                    .string(token.name())
                    .string(token.tokenHashHex());
        }
        return out.toByteArray();
    }

    private static void writeTopic(ByteWriter out, TopicNode topic) {
        TopicInfo info = topic.info();
        out.u32(info.id())
                .u64(info.createdAtMicros())
                .string(info.name())
                .u8(info.compression().code())
                .u64(info.messageExpiryMicros())
                .u64(info.maxTopicSizeBytes())
                .u8(info.replicationFactor());
        out.u32(info.partitionsCount());
        for (PartitionInfo partition : info.partitions()) {
            out.u64(partition.createdAtMicros());
        }
        writeSlab(out, topic.groupIds());
        out.u32(topic.groups().size());
        for (ConsumerGroupInfo group : topic.groups().values()) {
            out.u32(group.id()).string(group.name());
        }
    }

    static MetadataView decode(long sequence, byte[] body) {
        ByteReader in = new ByteReader(body);
        IdSlab streamIds = readSlab(in);
        TreeMap<Long, StreamNode> streams = new TreeMap<>();
        int streamsCount = in.count();
        for (int i = 0; i < streamsCount; i++) {
            long id = in.u32();
            long created = in.u64();
            StreamInfo info = new StreamInfo(id, in.string(), created);
            IdSlab topicIds = readSlab(in);
            TreeMap<Long, TopicNode> topics = new TreeMap<>();
            int topicsCount = in.count();
            for (int j = 0; j < topicsCount; j++) {
                TopicNode topic = readTopic(in, id);
                topics.put(topic.info().id(), topic);
            }
            streams.put(id, new StreamNode(info, Collections.unmodifiableSortedMap(topics), topicIds));
        }
        IdSlab userIds = readSlab(in);
        TreeMap<Long, User> users = new TreeMap<>();
        int usersCount = in.count();
        for (int i = 0; i < usersCount; i++) {
            long id = in.u32();
            long created = in.u64();
            UserStatus status = MetadataCommandCodec.status(in.u8());
            String username = in.string();
            String hash = in.string();
            users.put(
                    id,
                    new User(id, username, hash, status, MetadataCommandCodec.readOptionalPermissions(in), created));
        }
        TreeMap<String, PersonalAccessToken> tokens = new TreeMap<>();
        int tokensCount = in.count();
        for (int i = 0; i < tokensCount; i++) {
            long userId = in.u32();
            long expiry = in.u64();
            String name = in.string();
            String hash = in.string();
            tokens.put(hash, new PersonalAccessToken(userId, name, hash, expiry));
        }
        in.expectEnd();
        return new MetadataView(
                sequence,
                Collections.unmodifiableSortedMap(streams),
                streamIds,
                Collections.unmodifiableSortedMap(users),
                userIds,
                Collections.unmodifiableSortedMap(tokens));
    }

    private static TopicNode readTopic(ByteReader in, long streamId) {
        long id = in.u32();
        long created = in.u64();
        String name = in.string();
        CompressionAlgorithm compression = MetadataCommandCodec.compression(in.u8());
        long expiry = in.u64();
        long maxSize = in.u64();
        int replicationFactor = in.u8();
        int partitionsCount = in.count();
        List<PartitionInfo> partitions = new ArrayList<>(partitionsCount);
        for (int p = 0; p < partitionsCount; p++) {
            partitions.add(new PartitionInfo(p, in.u64()));
        }
        TopicInfo info =
                new TopicInfo(streamId, id, name, created, partitions, compression, expiry, maxSize, replicationFactor);
        IdSlab groupIds = readSlab(in);
        SortedMap<Long, ConsumerGroupInfo> groups = new TreeMap<>();
        int groupsCount = in.count();
        for (int g = 0; g < groupsCount; g++) {
            long groupId = in.u32();
            groups.put(groupId, new ConsumerGroupInfo(streamId, id, groupId, in.string()));
        }
        return new TopicNode(info, Collections.unmodifiableSortedMap(groups), groupIds);
    }

    private static void writeSlab(ByteWriter out, IdSlab slab) {
        out.u64(slab.nextNeverUsed()).u32(slab.freed().size());
        for (long id : slab.freed()) {
            out.u32(id);
        }
    }

    private static IdSlab readSlab(ByteReader in) {
        long next = in.u64();
        int freedCount = in.count();
        List<Long> freed = new ArrayList<>(freedCount);
        for (int i = 0; i < freedCount; i++) {
            freed.add(in.u32());
        }
        return new IdSlab(next, freed);
    }
}
