package io.whippet.server.http;

import io.whippet.protocol.Permissions;
import io.whippet.protocol.response.CacheMetric;
import io.whippet.protocol.response.ClientDetails;
import io.whippet.protocol.response.ClientGroup;
import io.whippet.protocol.response.ClientInfo;
import io.whippet.protocol.response.ClusterMetadata;
import io.whippet.protocol.response.ClusterNode;
import io.whippet.protocol.response.ConsumerGroupDetails;
import io.whippet.protocol.response.ConsumerGroupInfo;
import io.whippet.protocol.response.ConsumerGroupMember;
import io.whippet.protocol.response.ConsumerOffsetInfo;
import io.whippet.protocol.response.PartitionInfo;
import io.whippet.protocol.response.PersonalAccessTokenInfo;
import io.whippet.protocol.response.Stats;
import io.whippet.protocol.response.StreamDetails;
import io.whippet.protocol.response.StreamInfo;
import io.whippet.protocol.response.TopicDetails;
import io.whippet.protocol.response.TopicInfo;
import io.whippet.protocol.response.UserDetails;
import io.whippet.protocol.response.UserInfo;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Renders the protocol's response records as upstream's JSON: snake_case names, every field
 * present, u64 values as full unsigned integers, byte sizes as human strings.
 */
final class ResponseJson {
    private ResponseJson() {}

    /** Renders one value with {@code writer}. */
    static <T> byte[] render(T value, BiConsumer<JsonGenerator, T> writer) {
        var out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = Json.generator(out)) {
            writer.accept(json, value);
        }
        return out.toByteArray();
    }

    /** Renders a JSON array of {@code values}. */
    static <T> byte[] renderList(List<T> values, BiConsumer<JsonGenerator, T> writer) {
        return render(values, (json, list) -> {
            json.writeStartArray();
            for (T value : list) {
                writer.accept(json, value);
            }
            json.writeEndArray();
        });
    }

    static void u64(JsonGenerator json, String name, long value) {
        json.writeName(name);
        if (value >= 0) {
            json.writeNumber(value);
        } else {
            json.writeNumber(Long.toUnsignedString(value));
        }
    }

    static void size(JsonGenerator json, String name, long sizeBytes) {
        json.writeStringProperty(name, ByteSizes.format(sizeBytes));
    }

    static void stream(JsonGenerator json, StreamInfo stream) {
        json.writeStartObject();
        streamFields(json, stream);
        json.writeEndObject();
    }

    static void streamDetails(JsonGenerator json, StreamDetails details) {
        json.writeStartObject();
        streamFields(json, details.stream());
        json.writeArrayPropertyStart("topics");
        for (TopicInfo topic : details.topics()) {
            topic(json, topic);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void streamFields(JsonGenerator json, StreamInfo stream) {
        json.writeNumberProperty("id", stream.id());
        u64(json, "created_at", stream.createdAtMicros());
        json.writeStringProperty("name", stream.name());
        size(json, "size", stream.sizeBytes());
        u64(json, "messages_count", stream.messagesCount());
        json.writeNumberProperty("topics_count", stream.topicsCount());
    }

    static void topic(JsonGenerator json, TopicInfo topic) {
        json.writeStartObject();
        topicFields(json, topic);
        json.writeEndObject();
    }

    static void topicDetails(JsonGenerator json, TopicDetails details) {
        json.writeStartObject();
        topicFields(json, details.topic());
        json.writeArrayPropertyStart("partitions");
        for (PartitionInfo partition : details.partitions()) {
            partition(json, partition);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void topicFields(JsonGenerator json, TopicInfo topic) {
        json.writeNumberProperty("id", topic.id());
        u64(json, "created_at", topic.createdAtMicros());
        json.writeStringProperty("name", topic.name());
        size(json, "size", topic.sizeBytes());
        u64(json, "message_expiry", topic.messageExpiryMicros());
        json.writeStringProperty(
                "compression_algorithm", topic.compressionAlgorithm().name().toLowerCase(Locale.ROOT));
        u64(json, "max_topic_size", topic.maxTopicSizeBytes());
        json.writeNumberProperty("replication_factor", topic.replicationFactor());
        u64(json, "messages_count", topic.messagesCount());
        json.writeNumberProperty("partitions_count", topic.partitionsCount());
    }

    static void partition(JsonGenerator json, PartitionInfo partition) {
        json.writeStartObject();
        json.writeNumberProperty("id", partition.id());
        u64(json, "created_at", partition.createdAtMicros());
        json.writeNumberProperty("segments_count", partition.segmentsCount());
        u64(json, "current_offset", partition.currentOffset());
        size(json, "size", partition.sizeBytes());
        u64(json, "messages_count", partition.messagesCount());
        json.writeEndObject();
    }

    static void group(JsonGenerator json, ConsumerGroupInfo group) {
        json.writeStartObject();
        groupFields(json, group);
        json.writeEndObject();
    }

    static void groupDetails(JsonGenerator json, ConsumerGroupDetails details) {
        json.writeStartObject();
        groupFields(json, details.group());
        json.writeArrayPropertyStart("members");
        for (ConsumerGroupMember member : details.members()) {
            json.writeStartObject();
            json.writeNumberProperty("id", member.memberId());
            json.writeNumberProperty("partitions_count", member.partitionIds().size());
            json.writeArrayPropertyStart("partitions");
            for (long partitionId : member.partitionIds()) {
                json.writeNumber(partitionId);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void groupFields(JsonGenerator json, ConsumerGroupInfo group) {
        json.writeNumberProperty("id", group.id());
        json.writeStringProperty("name", group.name());
        json.writeNumberProperty("partitions_count", group.partitionsCount());
        json.writeNumberProperty("members_count", group.membersCount());
    }

    static void offset(JsonGenerator json, ConsumerOffsetInfo offset) {
        json.writeStartObject();
        json.writeNumberProperty("partition_id", offset.partitionId());
        u64(json, "current_offset", offset.currentOffset());
        u64(json, "stored_offset", offset.storedOffset());
        json.writeEndObject();
    }

    static void user(JsonGenerator json, UserInfo user) {
        json.writeStartObject();
        userFields(json, user);
        json.writeEndObject();
    }

    static void userDetails(JsonGenerator json, UserDetails details) {
        json.writeStartObject();
        userFields(json, details.user());
        json.writeName("permissions");
        permissions(json, details.permissions());
        json.writeEndObject();
    }

    private static void userFields(JsonGenerator json, UserInfo user) {
        json.writeNumberProperty("id", user.id());
        u64(json, "created_at", user.createdAtMicros());
        json.writeStringProperty("status", user.status().name().toLowerCase(Locale.ROOT));
        json.writeStringProperty("username", user.username());
    }

    static void permissions(JsonGenerator json, @Nullable Permissions permissions) {
        if (permissions == null) {
            json.writeNull();
            return;
        }
        Permissions.GlobalPermissions global = permissions.global();
        json.writeStartObject();
        json.writeObjectPropertyStart("global");
        json.writeBooleanProperty("manage_servers", global.manageServers());
        json.writeBooleanProperty("read_servers", global.readServers());
        json.writeBooleanProperty("manage_users", global.manageUsers());
        json.writeBooleanProperty("read_users", global.readUsers());
        json.writeBooleanProperty("manage_streams", global.manageStreams());
        json.writeBooleanProperty("read_streams", global.readStreams());
        json.writeBooleanProperty("manage_topics", global.manageTopics());
        json.writeBooleanProperty("read_topics", global.readTopics());
        json.writeBooleanProperty("poll_messages", global.pollMessages());
        json.writeBooleanProperty("send_messages", global.sendMessages());
        json.writeEndObject();
        json.writeObjectPropertyStart("streams");
        for (Map.Entry<Long, Permissions.StreamPermissions> entry : new TreeMap<>(permissions.streams()).entrySet()) {
            Permissions.StreamPermissions stream = entry.getValue();
            json.writeObjectPropertyStart(Long.toString(entry.getKey()));
            json.writeBooleanProperty("manage_stream", stream.manageStream());
            json.writeBooleanProperty("read_stream", stream.readStream());
            json.writeBooleanProperty("manage_topics", stream.manageTopics());
            json.writeBooleanProperty("read_topics", stream.readTopics());
            json.writeBooleanProperty("poll_messages", stream.pollMessages());
            json.writeBooleanProperty("send_messages", stream.sendMessages());
            json.writeObjectPropertyStart("topics");
            for (Map.Entry<Long, Permissions.TopicPermissions> topicEntry : new TreeMap<>(stream.topics()).entrySet()) {
                Permissions.TopicPermissions topic = topicEntry.getValue();
                json.writeObjectPropertyStart(Long.toString(topicEntry.getKey()));
                json.writeBooleanProperty("manage_topic", topic.manageTopic());
                json.writeBooleanProperty("read_topic", topic.readTopic());
                json.writeBooleanProperty("poll_messages", topic.pollMessages());
                json.writeBooleanProperty("send_messages", topic.sendMessages());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    static void personalAccessToken(JsonGenerator json, PersonalAccessTokenInfo token) {
        json.writeStartObject();
        json.writeStringProperty("name", token.name());
        // 0 on the wire means "never expires": JSON says null.
        if (token.expiryAtMicros() == 0) {
            json.writeNullProperty("expiry_at");
        } else {
            u64(json, "expiry_at", token.expiryAtMicros());
        }
        json.writeEndObject();
    }

    static void client(JsonGenerator json, ClientInfo client) {
        json.writeStartObject();
        clientFields(json, client);
        json.writeEndObject();
    }

    static void clientDetails(JsonGenerator json, ClientDetails details) {
        json.writeStartObject();
        clientFields(json, details.client());
        json.writeArrayPropertyStart("consumer_groups");
        for (ClientGroup group : details.groups()) {
            json.writeStartObject();
            json.writeNumberProperty("stream_id", group.streamId());
            json.writeNumberProperty("topic_id", group.topicId());
            json.writeNumberProperty("group_id", group.groupId());
            // Java 0.8.0 reads this name instead of group_id; emit both (protocol-traps 19).
            json.writeNumberProperty("consumer_group_id", group.groupId());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void clientFields(JsonGenerator json, ClientInfo client) {
        json.writeNumberProperty("client_id", client.clientId());
        if (client.userId() == ClientInfo.NO_USER) {
            json.writeNullProperty("user_id");
        } else {
            json.writeNumberProperty("user_id", client.userId());
        }
        json.writeStringProperty("address", client.address());
        json.writeStringProperty(
                "transport",
                switch (client.transport()) {
                    case TCP -> "tcp";
                    case QUIC -> "quic";
                    case HTTP -> "http";
                    case WEBSOCKET -> "ws";
                });
        json.writeNumberProperty("consumer_groups_count", client.consumerGroupsCount());
    }

    static void stats(JsonGenerator json, Stats stats) {
        json.writeStartObject();
        json.writeNumberProperty("process_id", stats.processId());
        json.writeNumberProperty("cpu_usage", stats.cpuUsage());
        json.writeNumberProperty("total_cpu_usage", stats.totalCpuUsage());
        size(json, "memory_usage", stats.memoryUsageBytes());
        size(json, "total_memory", stats.totalMemoryBytes());
        size(json, "available_memory", stats.availableMemoryBytes());
        u64(json, "run_time", stats.runTimeMicros());
        u64(json, "start_time", stats.startTimeMicros());
        size(json, "read_bytes", stats.readBytes());
        size(json, "written_bytes", stats.writtenBytes());
        size(json, "messages_size_bytes", stats.messagesSizeBytes());
        json.writeNumberProperty("streams_count", stats.streamsCount());
        json.writeNumberProperty("topics_count", stats.topicsCount());
        json.writeNumberProperty("partitions_count", stats.partitionsCount());
        json.writeNumberProperty("segments_count", stats.segmentsCount());
        u64(json, "messages_count", stats.messagesCount());
        json.writeNumberProperty("clients_count", stats.clientsCount());
        json.writeNumberProperty("consumer_groups_count", stats.consumerGroupsCount());
        json.writeStringProperty("hostname", stats.hostname());
        json.writeStringProperty("os_name", stats.osName());
        json.writeStringProperty("os_version", stats.osVersion());
        json.writeStringProperty("kernel_version", stats.kernelVersion());
        json.writeStringProperty("iggy_server_version", stats.iggyServerVersion());
        if (stats.iggyServerSemver() == 0) {
            json.writeNullProperty("iggy_server_semver");
        } else {
            json.writeNumberProperty("iggy_server_semver", stats.iggyServerSemver());
        }
        json.writeObjectPropertyStart("cache_metrics");
        for (CacheMetric metric : stats.cacheMetrics()) {
            json.writeObjectPropertyStart(metric.streamId() + "-" + metric.topicId() + "-" + metric.partitionId());
            u64(json, "hits", metric.hits());
            u64(json, "misses", metric.misses());
            json.writeNumberProperty("hit_ratio", metric.hitRatio());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeNumberProperty("threads_count", stats.threadsCount());
        size(json, "free_disk_space", stats.freeDiskSpaceBytes());
        size(json, "total_disk_space", stats.totalDiskSpaceBytes());
        json.writeEndObject();
    }

    static void clusterMetadata(JsonGenerator json, ClusterMetadata metadata) {
        json.writeStartObject();
        json.writeStringProperty("name", metadata.name());
        json.writeArrayPropertyStart("nodes");
        for (ClusterNode node : metadata.nodes()) {
            json.writeStartObject();
            json.writeStringProperty("name", node.name());
            json.writeStringProperty("ip", node.ip());
            json.writeObjectPropertyStart("endpoints");
            json.writeNumberProperty("tcp", node.tcpPort());
            json.writeNumberProperty("quic", node.quicPort());
            json.writeNumberProperty("http", node.httpPort());
            json.writeNumberProperty("websocket", node.websocketPort());
            json.writeEndObject();
            json.writeStringProperty("role", node.role().name().toLowerCase(Locale.ROOT));
            json.writeStringProperty("status", node.status().name().toLowerCase(Locale.ROOT));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
