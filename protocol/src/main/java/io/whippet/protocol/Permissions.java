package io.whippet.protocol;

import java.util.Map;

/**
 * A user's permissions: global flags plus per-stream overrides, each with per-topic overrides.
 * Map keys are 0-based stream and topic ids. The wire layout is in {@code PermissionsCodec}.
 */
public record Permissions(GlobalPermissions global, Map<Long, StreamPermissions> streams) {
    public Permissions {
        streams = Map.copyOf(streams);
    }

    /** Everything allowed: what the root user is treated as having. */
    public static Permissions all() {
        return new Permissions(
                new GlobalPermissions(true, true, true, true, true, true, true, true, true, true), Map.of());
    }

    /** Nothing allowed. */
    public static Permissions none() {
        return new Permissions(
                new GlobalPermissions(false, false, false, false, false, false, false, false, false, false), Map.of());
    }

    /** The ten global flags, in wire order. */
    public record GlobalPermissions(
            boolean manageServers,
            boolean readServers,
            boolean manageUsers,
            boolean readUsers,
            boolean manageStreams,
            boolean readStreams,
            boolean manageTopics,
            boolean readTopics,
            boolean pollMessages,
            boolean sendMessages) {}

    /** The six flags of one stream, in wire order, plus per-topic overrides keyed by topic id. */
    public record StreamPermissions(
            boolean manageStream,
            boolean readStream,
            boolean manageTopics,
            boolean readTopics,
            boolean pollMessages,
            boolean sendMessages,
            Map<Long, TopicPermissions> topics) {
        public StreamPermissions {
            topics = Map.copyOf(topics);
        }
    }

    /** The four flags of one topic, in wire order. */
    public record TopicPermissions(
            boolean manageTopic, boolean readTopic, boolean pollMessages, boolean sendMessages) {}
}
