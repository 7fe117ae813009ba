package io.whippet.cli;

import io.whippet.protocol.Permissions;
import io.whippet.protocol.Permissions.GlobalPermissions;
import io.whippet.protocol.Permissions.StreamPermissions;
import io.whippet.protocol.Permissions.TopicPermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Iggy's compact permission syntax, both ways.
 *
 * <pre>
 * global   -g m_srv,r_usr,...          names: m_srv r_srv m_usr r_usr m_str r_str m_top r_top p_msg s_msg
 *                                      (or the long forms: manage_servers, read_users, ...)
 * stream   -s STREAM[#perms][#TOPIC:perms]...
 *          e.g. 1#m_top,r_top#2:p_msg,s_msg   stream 1 may manage and read topics; topic 2 of it
 *                                             may poll and send
 *          stream perms: m_str r_str m_top r_top p_msg s_msg
 *          topic perms:  m_top r_top p_msg s_msg
 * </pre>
 */
final class PermissionSyntax {
    private static final List<String> GLOBAL =
            List.of("m_srv", "r_srv", "m_usr", "r_usr", "m_str", "r_str", "m_top", "r_top", "p_msg", "s_msg");
    private static final List<String> GLOBAL_LONG = List.of(
            "manage_servers",
            "read_servers",
            "manage_users",
            "read_users",
            "manage_streams",
            "read_streams",
            "manage_topics",
            "read_topics",
            "poll_messages",
            "send_messages");
    private static final List<String> STREAM = List.of("m_str", "r_str", "m_top", "r_top", "p_msg", "s_msg");
    private static final List<String> STREAM_LONG =
            List.of("manage_stream", "read_stream", "manage_topics", "read_topics", "poll_messages", "send_messages");
    private static final List<String> TOPIC = List.of("m_top", "r_top", "p_msg", "s_msg");
    private static final List<String> TOPIC_LONG =
            List.of("manage_topic", "read_topic", "poll_messages", "send_messages");

    private PermissionSyntax() {}

    /** Permissions from {@code -g} and {@code -s} values (callers send none at all when neither is given). */
    static Permissions parse(List<String> global, List<String> streams) {
        boolean[] g = flags(String.join(",", global), GLOBAL, GLOBAL_LONG, "global permission");
        GlobalPermissions globalPermissions =
                new GlobalPermissions(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9]);
        Map<Long, StreamPermissions> streamPermissions = new TreeMap<>();
        for (String spec : streams) {
            String[] parts = spec.split("#", -1);
            long streamId = id(parts[0], "stream id", spec);
            boolean[] s = new boolean[STREAM.size()];
            Map<Long, TopicPermissions> topics = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                int colon = part.indexOf(':');
                if (colon < 0) {
                    if (i != 1) {
                        throw new UsageException("stream permissions: " + spec
                                + " (expected: STREAM[#perms][#TOPIC:perms]..., stream perms first)");
                    }
                    s = flags(part, STREAM, STREAM_LONG, "stream permission");
                } else {
                    long topicId = id(part.substring(0, colon), "topic id", spec);
                    boolean[] t = flags(part.substring(colon + 1), TOPIC, TOPIC_LONG, "topic permission");
                    topics.put(topicId, new TopicPermissions(t[0], t[1], t[2], t[3]));
                }
            }
            if (streamPermissions.put(streamId, new StreamPermissions(s[0], s[1], s[2], s[3], s[4], s[5], topics))
                    != null) {
                throw new UsageException("stream permissions: stream " + streamId + " given twice");
            }
        }
        return new Permissions(globalPermissions, streamPermissions);
    }

    /** The global flags as {@code m_srv,r_usr}; empty when none is set. */
    static String formatGlobal(GlobalPermissions global) {
        return names(
                GLOBAL,
                global.manageServers(),
                global.readServers(),
                global.manageUsers(),
                global.readUsers(),
                global.manageStreams(),
                global.readStreams(),
                global.manageTopics(),
                global.readTopics(),
                global.pollMessages(),
                global.sendMessages());
    }

    /** One {@code -s} spec per stream, ids ascending, in the form {@link #parse} reads. */
    static List<String> formatStreams(Permissions permissions) {
        List<String> specs = new ArrayList<>();
        for (Map.Entry<Long, StreamPermissions> entry : new TreeMap<>(permissions.streams()).entrySet()) {
            StreamPermissions stream = entry.getValue();
            StringBuilder spec = new StringBuilder().append(entry.getKey());
            String flags = names(
                    STREAM,
                    stream.manageStream(),
                    stream.readStream(),
                    stream.manageTopics(),
                    stream.readTopics(),
                    stream.pollMessages(),
                    stream.sendMessages());
            if (!flags.isEmpty()) {
                spec.append('#').append(flags);
            }
            for (Map.Entry<Long, TopicPermissions> topic : new TreeMap<>(stream.topics()).entrySet()) {
                TopicPermissions t = topic.getValue();
                spec.append('#')
                        .append(topic.getKey())
                        .append(':')
                        .append(names(TOPIC, t.manageTopic(), t.readTopic(), t.pollMessages(), t.sendMessages()));
            }
            specs.add(spec.toString());
        }
        return specs;
    }

    private static boolean[] flags(String list, List<String> shortNames, List<String> longNames, String what) {
        boolean[] flags = new boolean[shortNames.size()];
        for (String raw : list.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            int index = shortNames.indexOf(name);
            if (index < 0) {
                index = longNames.indexOf(name);
            }
            if (index < 0) {
                throw new UsageException(what + ": " + raw.trim() + " (expected: one of "
                        + String.join(", ", shortNames) + ", or " + String.join(", ", longNames) + ")");
            }
            flags[index] = true;
        }
        return flags;
    }

    private static long id(String text, String what, String spec) {
        try {
            long id = Long.parseLong(text.trim());
            if (id < 0 || id > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new UsageException(what + ": " + text + " in " + spec + " (expected: a numeric id)");
        }
    }

    private static String names(List<String> names, boolean... flags) {
        Set<String> set = new LinkedHashSet<>();
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                set.add(names.get(i));
            }
        }
        return String.join(",", set);
    }

    /** For JSON: {@code {"global": [...], "streams": [...]}}. */
    static Map<String, Object> json(Permissions permissions) {
        Map<String, Object> json = new LinkedHashMap<>();
        String global = formatGlobal(permissions.global());
        json.put("global", global.isEmpty() ? List.of() : List.of(global.split(",")));
        json.put("streams", formatStreams(permissions));
        return json;
    }
}
