package io.whippet.client.http;

import io.whippet.protocol.Permissions;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@link Permissions} as the REST API's JSON (http-api.md 4.2): {@code global} flags, then
 * {@code streams} keyed by decimal stream id, each with its {@code topics} keyed the same way;
 * {@code null} for "no permissions".
 */
final class PermissionsWriter {
    private PermissionsWriter() {}

    static void write(JsonGenerator json, @Nullable Permissions permissions) {
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
}
