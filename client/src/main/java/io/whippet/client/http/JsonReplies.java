package io.whippet.client.http;

import io.whippet.client.WhippetClientException;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
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
import io.whippet.protocol.response.Transport;
import io.whippet.protocol.response.UserDetails;
import io.whippet.protocol.response.UserInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns the REST API's JSON replies (http-api.md section 4) into the protocol's response records,
 * so code written against {@link io.whippet.client.WhippetClient} sees the same values over HTTP as
 * over TCP. Byte sizes come as text and are parsed back; {@code null} user ids and token expiries
 * become the binary protocol's "none" values. Stateless.
 */
final class JsonReplies {
    private JsonReplies() {}

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        if (!array.isArray()) {
            throw malformed("expected a JSON array, got " + array.getNodeType());
        }
        List<T> values = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            values.add(element.apply(node));
        }
        return values;
    }

    static StreamInfo stream(JsonNode node) {
        return new StreamInfo(
                u32(node, "id"),
                u64(node, "created_at"),
                u32(node, "topics_count"),
                size(node, "size"),
                u64(node, "messages_count"),
                string(node, "name"));
    }

    static StreamDetails streamDetails(JsonNode node) {
        return new StreamDetails(stream(node), list(field(node, "topics"), JsonReplies::topic));
    }

    static TopicInfo topic(JsonNode node) {
        return new TopicInfo(
                u32(node, "id"),
                u64(node, "created_at"),
                u32(node, "partitions_count"),
                u64(node, "message_expiry"),
                CompressionAlgorithm.valueOf(
                        string(node, "compression_algorithm").toUpperCase(Locale.ROOT)),
                u64(node, "max_topic_size"),
                (int) u32(node, "replication_factor"),
                size(node, "size"),
                u64(node, "messages_count"),
                string(node, "name"));
    }

    static TopicDetails topicDetails(JsonNode node) {
        return new TopicDetails(topic(node), list(field(node, "partitions"), JsonReplies::partition));
    }

    static PartitionInfo partition(JsonNode node) {
        return new PartitionInfo(
                u32(node, "id"),
                u64(node, "created_at"),
                u32(node, "segments_count"),
                u64(node, "current_offset"),
                size(node, "size"),
                u64(node, "messages_count"));
    }

    static ConsumerGroupInfo group(JsonNode node) {
        return new ConsumerGroupInfo(
                u32(node, "id"), u32(node, "partitions_count"), u32(node, "members_count"), string(node, "name"));
    }

    static ConsumerGroupDetails groupDetails(JsonNode node) {
        return new ConsumerGroupDetails(
                group(node),
                list(
                        field(node, "members"),
                        member -> new ConsumerGroupMember(
                                u32(member, "id"), list(field(member, "partitions"), JsonReplies::u32))));
    }

    static ConsumerOffsetInfo offset(JsonNode node) {
        return new ConsumerOffsetInfo(
                u32(node, "partition_id"), u64(node, "current_offset"), u64(node, "stored_offset"));
    }

    static UserInfo user(JsonNode node) {
        return new UserInfo(
                u32(node, "id"),
                u64(node, "created_at"),
                UserStatus.valueOf(string(node, "status").toUpperCase(Locale.ROOT)),
                string(node, "username"));
    }

    static UserDetails userDetails(JsonNode node) {
        return new UserDetails(user(node), permissions(node.get("permissions")));
    }

    static @Nullable Permissions permissions(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode global = field(node, "global");
        Map<Long, Permissions.StreamPermissions> streams = new HashMap<>();
        JsonNode streamsNode = node.get("streams");
        if (streamsNode != null && !streamsNode.isNull()) {
            for (Map.Entry<String, JsonNode> entry : streamsNode.properties()) {
                JsonNode stream = entry.getValue();
                Map<Long, Permissions.TopicPermissions> topics = new HashMap<>();
                JsonNode topicsNode = stream.get("topics");
                if (topicsNode != null && !topicsNode.isNull()) {
                    for (Map.Entry<String, JsonNode> topic : topicsNode.properties()) {
                        JsonNode t = topic.getValue();
                        topics.put(
                                Long.parseLong(topic.getKey()),
                                new Permissions.TopicPermissions(
                                        bool(t, "manage_topic"),
                                        bool(t, "read_topic"),
                                        bool(t, "poll_messages"),
                                        bool(t, "send_messages")));
                    }
                }
                streams.put(
                        Long.parseLong(entry.getKey()),
                        new Permissions.StreamPermissions(
                                bool(stream, "manage_stream"),
                                bool(stream, "read_stream"),
                                bool(stream, "manage_topics"),
                                bool(stream, "read_topics"),
                                bool(stream, "poll_messages"),
                                bool(stream, "send_messages"),
                                topics));
            }
        }
        return new Permissions(
                new Permissions.GlobalPermissions(
                        bool(global, "manage_servers"),
                        bool(global, "read_servers"),
                        bool(global, "manage_users"),
                        bool(global, "read_users"),
                        bool(global, "manage_streams"),
                        bool(global, "read_streams"),
                        bool(global, "manage_topics"),
                        bool(global, "read_topics"),
                        bool(global, "poll_messages"),
                        bool(global, "send_messages")),
                streams);
    }

    static PersonalAccessTokenInfo personalAccessToken(JsonNode node) {
        JsonNode expiry = node.get("expiry_at");
        // null means "never expires", which the binary protocol writes as 0.
        long expiryAtMicros =
                expiry == null || expiry.isNull() ? 0 : expiry.bigIntegerValue().longValue();
        return new PersonalAccessTokenInfo(string(node, "name"), expiryAtMicros);
    }

    static ClientInfo client(JsonNode node) {
        JsonNode userId = node.get("user_id");
        return new ClientInfo(
                u32(node, "client_id"),
                userId == null || userId.isNull() ? ClientInfo.NO_USER : userId.longValue(),
                switch (string(node, "transport").toLowerCase(Locale.ROOT)) {
                    case "tcp" -> Transport.TCP;
                    case "quic" -> Transport.QUIC;
                    case "http" -> Transport.HTTP;
                    case "ws", "websocket" -> Transport.WEBSOCKET;
                    default -> throw malformed("transport: " + string(node, "transport"));
                },
                string(node, "address"),
                u32(node, "consumer_groups_count"));
    }

    static ClientDetails clientDetails(JsonNode node) {
        List<ClientGroup> groups = list(
                field(node, "consumer_groups"),
                g -> new ClientGroup(
                        u32(g, "stream_id"),
                        u32(g, "topic_id"),
                        g.has("group_id") ? u32(g, "group_id") : u32(g, "consumer_group_id")));
        return new ClientDetails(client(node), groups);
    }

    static Stats stats(JsonNode node) {
        List<CacheMetric> metrics = new ArrayList<>();
        JsonNode cache = node.get("cache_metrics");
        if (cache != null && !cache.isNull()) {
            for (Map.Entry<String, JsonNode> entry : cache.properties()) {
                String[] ids = entry.getKey().split("-");
                if (ids.length != 3) {
                    throw malformed("cache_metrics key: " + entry.getKey() + " (expected: stream-topic-partition)");
                }
                JsonNode metric = entry.getValue();
                metrics.add(new CacheMetric(
                        Long.parseLong(ids[0]),
                        Long.parseLong(ids[1]),
                        Long.parseLong(ids[2]),
                        u64(metric, "hits"),
                        u64(metric, "misses"),
                        field(metric, "hit_ratio").floatValue()));
            }
        }
        JsonNode semver = node.get("iggy_server_semver");
        return new Stats(
                u32(node, "process_id"),
                field(node, "cpu_usage").floatValue(),
                field(node, "total_cpu_usage").floatValue(),
                size(node, "memory_usage"),
                size(node, "total_memory"),
                size(node, "available_memory"),
                u64(node, "run_time"),
                u64(node, "start_time"),
                size(node, "read_bytes"),
                size(node, "written_bytes"),
                size(node, "messages_size_bytes"),
                u32(node, "streams_count"),
                u32(node, "topics_count"),
                u32(node, "partitions_count"),
                u32(node, "segments_count"),
                u64(node, "messages_count"),
                u32(node, "clients_count"),
                u32(node, "consumer_groups_count"),
                string(node, "hostname"),
                string(node, "os_name"),
                string(node, "os_version"),
                string(node, "kernel_version"),
                string(node, "iggy_server_version"),
                semver == null || semver.isNull() ? 0 : semver.longValue(),
                metrics,
                u32(node, "threads_count"),
                size(node, "free_disk_space"),
                size(node, "total_disk_space"));
    }

    static ClusterMetadata clusterMetadata(JsonNode node) {
        return new ClusterMetadata(string(node, "name"), list(field(node, "nodes"), n -> {
            JsonNode endpoints = field(n, "endpoints");
            return new ClusterNode(
                    string(n, "name"),
                    string(n, "ip"),
                    (int) u32(endpoints, "tcp"),
                    (int) u32(endpoints, "quic"),
                    (int) u32(endpoints, "http"),
                    (int) u32(endpoints, "websocket"),
                    ClusterNode.Role.valueOf(string(n, "role").toUpperCase(Locale.ROOT)),
                    ClusterNode.Status.valueOf(string(n, "status").toUpperCase(Locale.ROOT)));
        }));
    }

    static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw malformed(name + ": missing");
        }
        return value;
    }

    static String string(JsonNode node, String name) {
        return field(node, name).asString();
    }

    static long u32(JsonNode node, String name) {
        return u32(field(node, name));
    }

    static long u32(JsonNode value) {
        return value.longValue();
    }

    /** A u64, which JSON writes in full: values past {@code Long.MAX_VALUE} keep their bits. */
    static long u64(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value.canConvertToLong()
                ? value.longValue()
                : value.bigIntegerValue().longValue();
    }

    static long size(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value.isNumber() ? value.longValue() : ByteSizeText.parse(value.asString());
    }

    static boolean bool(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.asBoolean();
    }

    static WhippetClientException malformed(String what) {
        return new WhippetClientException(ErrorCode.INVALID_FORMAT, "HTTP reply: " + what);
    }
}
