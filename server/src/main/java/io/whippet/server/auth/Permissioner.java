package io.whippet.server.auth;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.Permissions.GlobalPermissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.User;
import org.jspecify.annotations.Nullable;

/**
 * Authorization: one method per permission-checked command, each throwing error 41
 * (Unauthorized) when the user may not run it. Commands sharing a rule call one private rule, so
 * the rules below are the whole policy. Ids are resolved stream and topic ids.
 *
 * <p>The rules, as in Iggy 0.8.0:
 *
 * <ul>
 *   <li>The root user (id 0) may do everything; a user without a permissions block nothing.
 *   <li>Global flags cover every stream and topic; a stream's flags cover it and its topics; a
 *       topic's flags cover that topic.
 *   <li>{@code manage_*} implies {@code read_*} at the same scope; {@code manage_streams} implies
 *       {@code manage_topics} and {@code read_streams} implies {@code read_topics}.
 *   <li>Polling needs {@code poll_messages}, or read access granted at stream or topic scope;
 *       sending needs {@code send_messages}, or manage access at stream or topic scope. Global
 *       read/manage flags do not imply poll/send: Iggy keeps server administration and data access
 *       apart at the global level.
 *   <li>Server information (stats, clients, snapshot, cluster) needs {@code manage_servers} or
 *       {@code read_servers}; user writes need {@code manage_users}, user reads {@code read_users}
 *       or {@code manage_users}. A user's own password and tokens need no permission.
 * </ul>
 *
 * Stateless: permissions are read from the {@link User} passed in, so a change to a user's
 * permissions applies from that user's next command on.
 */
public final class Permissioner {

    // ---- system

    public void getStats(User user) {
        require(user, serverInfo(user));
    }

    public void getClients(User user) {
        require(user, serverInfo(user));
    }

    public void getClient(User user) {
        require(user, serverInfo(user));
    }

    public void getSnapshot(User user) {
        require(user, serverInfo(user));
    }

    public void getClusterMetadata(User user) {
        require(user, serverInfo(user));
    }

    // ---- users

    public void getUser(User user) {
        require(user, readUsers(user));
    }

    public void getUsers(User user) {
        require(user, readUsers(user));
    }

    public void createUser(User user) {
        require(user, manageUsers(user));
    }

    public void deleteUser(User user) {
        require(user, manageUsers(user));
    }

    public void updateUser(User user) {
        require(user, manageUsers(user));
    }

    public void updatePermissions(User user) {
        require(user, manageUsers(user));
    }

    /** Anyone may change their own password; someone else's needs {@code manage_users}. */
    public void changePassword(User user, long targetUserId) {
        require(user, user.id() == targetUserId || manageUsers(user));
    }

    // ---- streams

    public void getStream(User user, long streamId) {
        require(user, readStream(user, streamId));
    }

    public void getStreams(User user) {
        GlobalPermissions global = global(user);
        require(user, global != null && (global.manageStreams() || global.readStreams()));
    }

    public void createStream(User user) {
        GlobalPermissions global = global(user);
        require(user, global != null && global.manageStreams());
    }

    public void updateStream(User user, long streamId) {
        require(user, manageStream(user, streamId));
    }

    public void deleteStream(User user, long streamId) {
        require(user, manageStream(user, streamId));
    }

    public void purgeStream(User user, long streamId) {
        require(user, manageStream(user, streamId));
    }

    // ---- topics, partitions, segments

    public void getTopic(User user, long streamId, long topicId) {
        require(user, readTopic(user, streamId, topicId));
    }

    public void getTopics(User user, long streamId) {
        require(user, readTopics(user, streamId));
    }

    public void createTopic(User user, long streamId) {
        require(user, manageTopics(user, streamId));
    }

    public void updateTopic(User user, long streamId, long topicId) {
        require(user, manageTopic(user, streamId, topicId));
    }

    public void deleteTopic(User user, long streamId, long topicId) {
        require(user, manageTopic(user, streamId, topicId));
    }

    public void purgeTopic(User user, long streamId, long topicId) {
        require(user, manageTopic(user, streamId, topicId));
    }

    public void createPartitions(User user, long streamId, long topicId) {
        require(user, manageTopic(user, streamId, topicId));
    }

    public void deletePartitions(User user, long streamId, long topicId) {
        require(user, manageTopic(user, streamId, topicId));
    }

    public void deleteSegments(User user, long streamId, long topicId) {
        require(user, manageTopic(user, streamId, topicId));
    }

    // ---- consumer groups: Iggy treats them as part of reading a topic

    public void getConsumerGroup(User user, long streamId, long topicId) {
        require(user, readTopic(user, streamId, topicId));
    }

    public void getConsumerGroups(User user, long streamId, long topicId) {
        require(user, readTopic(user, streamId, topicId));
    }

    public void createConsumerGroup(User user, long streamId, long topicId) {
        require(user, readTopic(user, streamId, topicId));
    }

    public void deleteConsumerGroup(User user, long streamId, long topicId) {
        require(user, readTopic(user, streamId, topicId));
    }

    public void joinConsumerGroup(User user, long streamId, long topicId) {
        require(user, readTopic(user, streamId, topicId));
    }

    public void leaveConsumerGroup(User user, long streamId, long topicId) {
        require(user, readTopic(user, streamId, topicId));
    }

    // ---- messages and offsets

    public void pollMessages(User user, long streamId, long topicId) {
        require(user, poll(user, streamId, topicId));
    }

    public void getConsumerOffset(User user, long streamId, long topicId) {
        require(user, poll(user, streamId, topicId));
    }

    public void storeConsumerOffset(User user, long streamId, long topicId) {
        require(user, poll(user, streamId, topicId));
    }

    public void deleteConsumerOffset(User user, long streamId, long topicId) {
        require(user, poll(user, streamId, topicId));
    }

    public void sendMessages(User user, long streamId, long topicId) {
        require(user, send(user, streamId, topicId));
    }

    public void flushUnsavedBuffer(User user, long streamId, long topicId) {
        require(user, send(user, streamId, topicId));
    }

    // ---- the rules

    private static void require(User user, boolean allowed) {
        if (!allowed && !user.isRoot()) {
            throw new WhippetException(ErrorCode.UNAUTHORIZED, "user: " + user.id() + " (not permitted)");
        }
    }

    private static boolean serverInfo(User user) {
        GlobalPermissions global = global(user);
        return global != null && (global.manageServers() || global.readServers());
    }

    private static boolean manageUsers(User user) {
        GlobalPermissions global = global(user);
        return global != null && global.manageUsers();
    }

    private static boolean readUsers(User user) {
        GlobalPermissions global = global(user);
        return global != null && (global.manageUsers() || global.readUsers());
    }

    private static boolean manageStream(User user, long streamId) {
        GlobalPermissions global = global(user);
        StreamPermissions stream = stream(user, streamId);
        return (global != null && global.manageStreams()) || (stream != null && stream.manageStream());
    }

    private static boolean readStream(User user, long streamId) {
        GlobalPermissions global = global(user);
        StreamPermissions stream = stream(user, streamId);
        return (global != null && (global.manageStreams() || global.readStreams()))
                || (stream != null && (stream.manageStream() || stream.readStream()));
    }

    /** Manage every topic of the stream (create topics there). */
    private static boolean manageTopics(User user, long streamId) {
        GlobalPermissions global = global(user);
        StreamPermissions stream = stream(user, streamId);
        return (global != null && (global.manageStreams() || global.manageTopics()))
                || (stream != null && (stream.manageStream() || stream.manageTopics()));
    }

    /** Read every topic of the stream (list them). */
    private static boolean readTopics(User user, long streamId) {
        GlobalPermissions global = global(user);
        StreamPermissions stream = stream(user, streamId);
        return manageTopics(user, streamId)
                || (global != null && (global.readStreams() || global.readTopics()))
                || (stream != null && (stream.readStream() || stream.readTopics()));
    }

    private static boolean manageTopic(User user, long streamId, long topicId) {
        TopicPermissions topic = topic(user, streamId, topicId);
        return manageTopics(user, streamId) || (topic != null && topic.manageTopic());
    }

    private static boolean readTopic(User user, long streamId, long topicId) {
        TopicPermissions topic = topic(user, streamId, topicId);
        return readTopics(user, streamId) || (topic != null && (topic.manageTopic() || topic.readTopic()));
    }

    private static boolean poll(User user, long streamId, long topicId) {
        GlobalPermissions global = global(user);
        StreamPermissions stream = stream(user, streamId);
        TopicPermissions topic = topic(user, streamId, topicId);
        return (global != null && global.pollMessages())
                || (stream != null
                        && (stream.pollMessages()
                                || stream.manageStream()
                                || stream.readStream()
                                || stream.manageTopics()
                                || stream.readTopics()))
                || (topic != null && (topic.pollMessages() || topic.manageTopic() || topic.readTopic()));
    }

    private static boolean send(User user, long streamId, long topicId) {
        GlobalPermissions global = global(user);
        StreamPermissions stream = stream(user, streamId);
        TopicPermissions topic = topic(user, streamId, topicId);
        return (global != null && global.sendMessages())
                || (stream != null && (stream.sendMessages() || stream.manageStream() || stream.manageTopics()))
                || (topic != null && (topic.sendMessages() || topic.manageTopic()));
    }

    private static @Nullable GlobalPermissions global(User user) {
        return user.permissions().map(Permissions::global).orElse(null);
    }

    private static @Nullable StreamPermissions stream(User user, long streamId) {
        return user.permissions()
                .map(permissions -> permissions.streams().get(streamId))
                .orElse(null);
    }

    private static @Nullable TopicPermissions topic(User user, long streamId, long topicId) {
        StreamPermissions stream = stream(user, streamId);
        return stream == null ? null : stream.topics().get(topicId);
    }
}
