package io.whippet.server.http;

import io.whippet.protocol.Permissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads upstream's permissions JSON (the shape {@link ResponseJson#permissions} writes): a
 * {@code global} object of ten flags and {@code streams} keyed by decimal stream id, each with
 * {@code topics} keyed by decimal topic id. Missing flags are false; {@code streams} and
 * {@code topics} may be null.
 */
final class PermissionsJson {
    private PermissionsJson() {}

    static @Nullable Permissions parse(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "permissions");
        JsonNode global = node.get("global");
        if (global == null || global.isNull()) {
            throw RequestJson.bad("permissions.global: missing (expected: an object)");
        }
        requireObject(global, "permissions.global");
        var globalPermissions = new Permissions.GlobalPermissions(
                flag(global, "manage_servers"),
                flag(global, "read_servers"),
                flag(global, "manage_users"),
                flag(global, "read_users"),
                flag(global, "manage_streams"),
                flag(global, "read_streams"),
                flag(global, "manage_topics"),
                flag(global, "read_topics"),
                flag(global, "poll_messages"),
                flag(global, "send_messages"));
        Map<Long, Permissions.StreamPermissions> streams = new LinkedHashMap<>();
        JsonNode streamsNode = node.get("streams");
        if (streamsNode != null && !streamsNode.isNull()) {
            requireObject(streamsNode, "permissions.streams");
            for (Map.Entry<String, JsonNode> entry : streamsNode.properties()) {
                JsonNode stream = entry.getValue();
                requireObject(stream, "permissions.streams." + entry.getKey());
                Map<Long, Permissions.TopicPermissions> topics = new LinkedHashMap<>();
                JsonNode topicsNode = stream.get("topics");
                if (topicsNode != null && !topicsNode.isNull()) {
                    requireObject(topicsNode, "permissions.streams." + entry.getKey() + ".topics");
                    for (Map.Entry<String, JsonNode> topicEntry : topicsNode.properties()) {
                        JsonNode topic = topicEntry.getValue();
                        requireObject(topic, "permissions.topics." + topicEntry.getKey());
                        topics.put(
                                id(topicEntry.getKey()),
                                new Permissions.TopicPermissions(
                                        flag(topic, "manage_topic"),
                                        flag(topic, "read_topic"),
                                        flag(topic, "poll_messages"),
                                        flag(topic, "send_messages")));
                    }
                }
                streams.put(
                        id(entry.getKey()),
                        new Permissions.StreamPermissions(
                                flag(stream, "manage_stream"),
                                flag(stream, "read_stream"),
                                flag(stream, "manage_topics"),
                                flag(stream, "read_topics"),
                                flag(stream, "poll_messages"),
                                flag(stream, "send_messages"),
                                topics));
            }
        }
        return new Permissions(globalPermissions, streams);
    }

    private static void requireObject(JsonNode node, String name) {
        if (!node.isObject()) {
            throw RequestJson.bad(name + ": " + node + " (expected: an object)");
        }
    }

    private static boolean flag(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw RequestJson.bad(name + ": " + value + " (expected: true or false)");
        }
        return value.booleanValue();
    }

    private static long id(String key) {
        try {
            long id = Long.parseLong(key);
            if (id >= 0 && id <= 0xFFFF_FFFFL) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw RequestJson.bad("permissions key: " + key + " (expected: a decimal id)");
    }
}
