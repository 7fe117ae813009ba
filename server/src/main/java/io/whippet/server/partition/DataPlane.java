package io.whippet.server.partition;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.MetadataView;
import io.whippet.server.metadata.PartitionInfo;
import io.whippet.server.metadata.StreamInfo;
import io.whippet.server.metadata.TopicInfo;
import io.whippet.storage.ConsumerOffsets;
import io.whippet.storage.PartitionLog;
import io.whippet.storage.StorageContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every partition of every topic on this node, kept in step with the metadata.
 *
 * <pre>
 * {system.path}/streams/{stream_id}/topics/{topic_id}/partitions/{partition_id}/   one PartitionLog each
 * </pre>
 *
 * <p>At open, the directories are reconciled with the metadata: partitions the metadata has but
 * the disk lacks are created (a crash after a create was logged), directories the metadata no
 * longer has are deleted (a crash after a delete was logged), so the metadata log stays the one
 * source of truth. Structural changes ({@code topicCreated}, {@code topicDeleted}, ...) come from
 * the command layer, one at a time, after the metadata change is durable; lookups are lock-free.
 */
public final class DataPlane implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DataPlane.class.getName());

    private final Path streamsRoot;
    private final StorageContext context;
    private final DataPlaneSettings settings;
    private final Map<TopicKey, TopicData> topics = new ConcurrentHashMap<>();

    private record TopicKey(long streamId, long topicId) {}

    private DataPlane(Path streamsRoot, StorageContext context, DataPlaneSettings settings) {
        this.streamsRoot = streamsRoot;
        this.context = context;
        this.settings = settings;
    }

    /** Opens (recovering as needed) every partition the metadata knows, and removes orphans. */
    public static DataPlane open(Path dataRoot, StorageContext context, DataPlaneSettings settings, MetadataView view) {
        DataPlane plane = new DataPlane(dataRoot.resolve("streams"), context, settings);
        try {
            Files.createDirectories(plane.streamsRoot);
            Set<Path> expected = new HashSet<>();
            for (StreamInfo stream : view.streams()) {
                for (TopicInfo topic : view.topics(io.whippet.protocol.Identifier.of(stream.id()))) {
                    plane.topicCreated(topic);
                    expected.add(plane.topicDirectory(topic.streamId(), topic.id()));
                }
            }
            plane.removeOrphans(expected);
        } catch (IOException e) {
            plane.close();
            throw new UncheckedIOException("cannot open data directory " + dataRoot, e);
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
        return plane;
    }

    public Optional<TopicData> topic(long streamId, long topicId) {
        return Optional.ofNullable(topics.get(new TopicKey(streamId, topicId)));
    }

    public List<TopicData> topics() {
        return List.copyOf(topics.values());
    }

    /** Creates (or opens, at start-up) the partitions of a topic. */
    public synchronized void topicCreated(TopicInfo topic) {
        TopicKey key = new TopicKey(topic.streamId(), topic.id());
        if (topics.containsKey(key)) {
            return;
        }
        List<Partition> partitions = new ArrayList<>();
        for (PartitionInfo info : topic.partitions()) {
            partitions.add(openPartition(topic.streamId(), topic.id(), info));
        }
        topics.put(
                key,
                new TopicData(
                        topic.streamId(),
                        topic.id(),
                        partitions,
                        topic.messageExpiryMicros(),
                        topic.maxTopicSizeBytes()));
    }

    /** New retention settings or a changed partition count. */
    public synchronized void topicUpdated(TopicInfo topic) {
        TopicData data = topics.get(new TopicKey(topic.streamId(), topic.id()));
        if (data == null) {
            topicCreated(topic);
            return;
        }
        data.retention(topic.messageExpiryMicros(), topic.maxTopicSizeBytes());
        List<Partition> current = data.partitions();
        List<Partition> next = new ArrayList<>();
        for (PartitionInfo info : topic.partitions()) {
            next.add(
                    info.id() < current.size()
                            ? current.get((int) info.id())
                            : openPartition(topic.streamId(), topic.id(), info));
        }
        data.replacePartitions(next);
        for (int i = next.size(); i < current.size(); i++) {
            current.get(i).log().delete();
        }
    }

    public synchronized void topicDeleted(long streamId, long topicId) {
        TopicData data = topics.remove(new TopicKey(streamId, topicId));
        if (data != null) {
            for (Partition partition : data.partitions()) {
                partition.log().delete();
            }
        }
        deleteTree(topicDirectory(streamId, topicId));
    }

    public synchronized void streamDeleted(long streamId) {
        for (TopicKey key : List.copyOf(topics.keySet())) {
            if (key.streamId() == streamId) {
                topicDeleted(key.streamId(), key.topicId());
            }
        }
        deleteTree(streamsRoot.resolve(Long.toString(streamId)));
    }

    /** Drops every message of the topic; offsets go on from where they were. */
    public void purgeTopic(long streamId, long topicId) {
        topic(streamId, topicId).ifPresent(data -> {
            for (Partition partition : data.partitions()) {
                partition.log().purge();
            }
        });
    }

    public void purgeStream(long streamId) {
        for (TopicData data : topics.values()) {
            if (data.streamId() == streamId) {
                purgeTopic(streamId, data.topicId());
            }
        }
    }

    /**
     * Deletes expired and over-size sealed segments of every partition; a topic's size limit is
     * shared evenly by its partitions.
     *
     * @return segments deleted
     */
    public int enforceRetention() {
        int deleted = 0;
        for (TopicData data : topics.values()) {
            long expiry = data.messageExpiryMicros() == -1 ? Long.MAX_VALUE : data.messageExpiryMicros();
            long maxSize = data.maxTopicSizeBytes() == -1 ? Long.MAX_VALUE : data.maxTopicSizeBytes();
            if (expiry == Long.MAX_VALUE && maxSize == Long.MAX_VALUE) {
                continue;
            }
            int partitionsCount = Math.max(1, data.partitionsCount());
            long perPartition = maxSize == Long.MAX_VALUE ? Long.MAX_VALUE : maxSize / partitionsCount;
            for (Partition partition : data.partitions()) {
                try {
                    deleted += partition.log().enforceRetention(expiry, perPartition);
                } catch (WhippetException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "retention of " + data.streamId() + "/" + data.topicId() + "/" + partition.id()
                                    + " failed: " + e.getMessage());
                }
            }
        }
        return deleted;
    }

    /** Flushes every partition (fsync when asked). */
    public void flushAll(boolean fsync) {
        for (TopicData data : topics.values()) {
            for (Partition partition : data.partitions()) {
                partition.log().flush(fsync);
            }
        }
    }

    /** Closes every partition cleanly (fsync + clean-shutdown marker). */
    @Override
    public synchronized void close() {
        for (TopicData data : topics.values()) {
            for (Partition partition : data.partitions()) {
                try {
                    partition.log().close();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "closing partition failed", e);
                }
            }
        }
        topics.clear();
    }

    private Path topicDirectory(long streamId, long topicId) {
        return streamsRoot.resolve(Long.toString(streamId)).resolve("topics").resolve(Long.toString(topicId));
    }

    private Partition openPartition(long streamId, long topicId, PartitionInfo info) {
        Path directory = topicDirectory(streamId, topicId).resolve("partitions").resolve(Long.toString(info.id()));
        PartitionLog log = PartitionLog.open(directory, settings.partitionConfig(), context);
        ConsumerOffsets offsets;
        try {
            offsets = ConsumerOffsets.open(directory, context.fileIo());
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        Deduplicator deduplicator = settings.deduplicationEnabled()
                ? new Deduplicator(settings.deduplicationMaxEntries(), settings.deduplicationExpiryMicros())
                : null;
        return new Partition(info.id(), directory, info.createdAtMicros(), log, offsets, deduplicator);
    }

    /** Deletes stream and topic directories the metadata does not know (deletes interrupted by a crash). */
    private void removeOrphans(Set<Path> expectedTopics) throws IOException {
        try (DirectoryStream<Path> streams = Files.newDirectoryStream(streamsRoot)) {
            for (Path stream : streams) {
                Path topicsDirectory = stream.resolve("topics");
                boolean keepStream = false;
                if (Files.isDirectory(topicsDirectory)) {
                    try (DirectoryStream<Path> topicDirs = Files.newDirectoryStream(topicsDirectory)) {
                        for (Path topic : topicDirs) {
                            if (expectedTopics.contains(topic)) {
                                keepStream = true;
                            } else {
                                LOG.log(System.Logger.Level.INFO, "removing orphaned topic directory {0}", topic);
                                deleteTree(topic);
                            }
                        }
                    }
                }
                if (!keepStream && expectedTopics.stream().noneMatch(p -> p.startsWith(stream))) {
                    deleteTree(stream);
                }
            }
        }
    }

    /** Deletes a directory and everything below it; a missing one is fine. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new WhippetException(
                    ErrorCode.CANNOT_DELETE_FILE, "cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
