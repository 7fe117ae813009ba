package io.whippet.server.metadata;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Who is in which consumer group right now, and which partitions each member owns. Runtime state,
 * never logged: members are connections (client ids), and a restart disconnects them all.
 *
 * <p>Assignment: the members of a group, in member-id order, share the topic's partitions round
 * robin (partition {@code i} goes to member {@code i mod n}), so every partition has exactly one
 * owner while the group has members. It is recomputed on join, leave, disconnect, heartbeat expiry
 * and partition-count change. Iggy 0.8.0 moves partitions cooperatively (pending revocations); a
 * plain recomputation is what its SDKs need and is deterministic. Member ids come from a slab per
 * group, like every other id (most recently freed first).
 *
 * <p>Thread-safe: connections call it concurrently; every method holds the instance lock, and no
 * method does I/O.
 */
public final class ConsumerGroupMembers {

    /** A consumer group by its ids. */
    public record GroupKey(long streamId, long topicId, long groupId) {}

    /** One member of a group: its member id, the connection it is, the partitions it owns. */
    public record Member(long memberId, long clientId, List<Long> partitions) {
        public Member {
            partitions = List.copyOf(partitions);
        }
    }

    private static final Comparator<GroupKey> KEY_ORDER = Comparator.comparingLong(GroupKey::streamId)
            .thenComparingLong(GroupKey::topicId)
            .thenComparingLong(GroupKey::groupId);

    private final Map<GroupKey, Group> groups = new HashMap<>();
    private final Map<Long, Long> lastSeenMicros = new HashMap<>();

    private static final class Group {
        int partitionsCount;
        IdSlab memberIds = IdSlab.EMPTY;
        final TreeMap<Long, MemberState> members = new TreeMap<>();

        Group(int partitionsCount) {
            this.partitionsCount = partitionsCount;
        }

        MemberState member(long clientId) {
            for (MemberState member : members.values()) {
                if (member.clientId == clientId) {
                    return member;
                }
            }
            throw new WhippetException(
                    ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND, "client: " + clientId + " (not a member of the group)");
        }

        boolean hasMember(long clientId) {
            return members.values().stream().anyMatch(member -> member.clientId == clientId);
        }

        void remove(MemberState member) {
            members.remove(member.memberId);
            memberIds = memberIds.release(member.memberId);
            rebalance();
        }

        void rebalance() {
            List<MemberState> ordered = new ArrayList<>(members.values());
            for (MemberState member : ordered) {
                member.partitions.clear();
                member.cursor = 0;
            }
            if (ordered.isEmpty()) {
                return;
            }
            for (int partition = 0; partition < partitionsCount; partition++) {
                ordered.get(partition % ordered.size()).partitions.add((long) partition);
            }
        }
    }

    private static final class MemberState {
        final long memberId;
        final long clientId;
        final List<Long> partitions = new ArrayList<>();
        int cursor;

        MemberState(long memberId, long clientId) {
            this.memberId = memberId;
            this.clientId = clientId;
        }
    }

    /**
     * Adds the client to the group (a no-op when it is a member already) and rebalances. {@code
     * partitionsCount} is the topic's current count.
     */
    public synchronized void join(GroupKey key, int partitionsCount, long clientId, long nowMicros) {
        Group group = groups.computeIfAbsent(key, unused -> new Group(partitionsCount));
        lastSeenMicros.put(clientId, nowMicros);
        boolean countChanged = group.partitionsCount != partitionsCount;
        group.partitionsCount = partitionsCount;
        if (group.hasMember(clientId)) {
            if (countChanged) {
                group.rebalance();
            }
            return;
        }
        long memberId = group.memberIds.peek();
        group.memberIds = group.memberIds.claim(memberId);
        group.members.put(memberId, new MemberState(memberId, clientId));
        group.rebalance();
    }

    /** Removes the client from the group; a client that is not a member gets error 5006. */
    public synchronized void leave(GroupKey key, long clientId) {
        Group group = groupOrNotMember(key, clientId);
        group.remove(group.member(clientId));
        dropIfEmpty(key, group);
        forgetIfInNoGroup(clientId);
    }

    /** Removes a disconnected client from every group it joined; answers those groups. */
    public synchronized List<GroupKey> removeClient(long clientId) {
        List<GroupKey> left = new ArrayList<>();
        for (Iterator<Map.Entry<GroupKey, Group>> it = groups.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<GroupKey, Group> entry = it.next();
            Group group = entry.getValue();
            if (group.hasMember(clientId)) {
                group.remove(group.member(clientId));
                left.add(entry.getKey());
                if (group.members.isEmpty()) {
                    it.remove();
                }
            }
        }
        lastSeenMicros.remove(clientId);
        left.sort(KEY_ORDER);
        return left;
    }

    /** Rebalances every group of a topic whose partition count changed. */
    public synchronized void partitionsChanged(long streamId, long topicId, int partitionsCount) {
        for (Map.Entry<GroupKey, Group> entry : groups.entrySet()) {
            GroupKey key = entry.getKey();
            if (key.streamId() == streamId && key.topicId() == topicId) {
                entry.getValue().partitionsCount = partitionsCount;
                entry.getValue().rebalance();
            }
        }
    }

    /** Forgets a deleted group, so a new group that reuses its id starts empty. */
    public synchronized void removeGroup(GroupKey key) {
        groups.remove(key);
    }

    /** Forgets every group of a deleted topic. */
    public synchronized void removeTopic(long streamId, long topicId) {
        groups.keySet().removeIf(key -> key.streamId() == streamId && key.topicId() == topicId);
    }

    /** Forgets every group of a deleted stream. */
    public synchronized void removeStream(long streamId) {
        groups.keySet().removeIf(key -> key.streamId() == streamId);
    }

    public synchronized boolean isMember(GroupKey key, long clientId) {
        Group group = groups.get(key);
        return group != null && group.hasMember(clientId);
    }

    /** The partitions the client owns in the group, ascending; error 5006 for a non-member. */
    public synchronized List<Long> assignedPartitions(GroupKey key, long clientId) {
        return List.copyOf(groupOrNotMember(key, clientId).member(clientId).partitions);
    }

    /**
     * The partition a poll without partition id reads next: the member's own partitions in turn.
     * Empty when the member owns none (more members than partitions); error 5006 for a non-member.
     */
    public synchronized OptionalLong nextPartition(GroupKey key, long clientId) {
        MemberState member = groupOrNotMember(key, clientId).member(clientId);
        if (member.partitions.isEmpty()) {
            return OptionalLong.empty();
        }
        long partition = member.partitions.get(member.cursor % member.partitions.size());
        member.cursor = (member.cursor + 1) % member.partitions.size();
        return OptionalLong.of(partition);
    }

    /** The members of a group in member-id order, with their partitions (ConsumerGroupDetails). */
    public synchronized List<Member> members(GroupKey key) {
        Group group = groups.get(key);
        if (group == null) {
            return List.of();
        }
        return group.members.values().stream()
                .map(member -> new Member(member.memberId, member.clientId, member.partitions))
                .toList();
    }

    public synchronized int membersCount(GroupKey key) {
        Group group = groups.get(key);
        return group == null ? 0 : group.members.size();
    }

    /** The groups a client has joined, ordered by stream, topic and group id (GetMe). */
    public synchronized List<GroupKey> groupsOf(long clientId) {
        List<GroupKey> joined = new ArrayList<>();
        for (Map.Entry<GroupKey, Group> entry : groups.entrySet()) {
            if (entry.getValue().hasMember(clientId)) {
                joined.add(entry.getKey());
            }
        }
        joined.sort(KEY_ORDER);
        return joined;
    }

    /** Records that a member's connection was heard from (any request, ping included). */
    public synchronized void touch(long clientId, long nowMicros) {
        lastSeenMicros.computeIfPresent(clientId, (unused, previous) -> Math.max(previous, nowMicros));
    }

    /**
     * Removes every member silent for more than 1.2 heartbeat intervals (the slack upstream allows
     * for a late heartbeat) from all its groups; answers the removed client ids, ascending.
     */
    public synchronized List<Long> expireSilent(long nowMicros, long heartbeatIntervalMicros) {
        long allowedSilenceMicros = heartbeatIntervalMicros + heartbeatIntervalMicros / 5;
        List<Long> silent = new ArrayList<>();
        for (Map.Entry<Long, Long> entry : lastSeenMicros.entrySet()) {
            if (nowMicros - entry.getValue() > allowedSilenceMicros) {
                silent.add(entry.getKey());
            }
        }
        silent.sort(Comparator.naturalOrder());
        for (long clientId : silent) {
            removeClient(clientId);
        }
        return silent;
    }

    private Group groupOrNotMember(GroupKey key, long clientId) {
        Group group = groups.get(key);
        if (group == null) {
            throw new WhippetException(
                    ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND, "client: " + clientId + " (not a member of the group)");
        }
        return group;
    }

    private void dropIfEmpty(GroupKey key, Group group) {
        if (group.members.isEmpty()) {
            groups.remove(key);
        }
    }

    private void forgetIfInNoGroup(long clientId) {
        if (groups.values().stream().noneMatch(group -> group.hasMember(clientId))) {
            lastSeenMicros.remove(clientId);
        }
    }
}
