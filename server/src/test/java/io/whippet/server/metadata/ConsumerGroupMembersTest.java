package io.whippet.server.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import io.whippet.server.metadata.ConsumerGroupMembers.GroupKey;
import io.whippet.server.metadata.ConsumerGroupMembers.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConsumerGroupMembersTest {
    private static final GroupKey GROUP = new GroupKey(0, 0, 0);
    private static final GroupKey OTHER = new GroupKey(0, 1, 0);

    private final ConsumerGroupMembers members = new ConsumerGroupMembers();

    static List<Arguments> membersAndPartitions() {
        List<Arguments> cases = new ArrayList<>();
        for (int memberCount = 1; memberCount <= 5; memberCount++) {
            for (int partitions = 1; partitions <= 10; partitions++) {
                cases.add(Arguments.of(memberCount, partitions));
            }
        }
        return cases;
    }

    private List<Long> allAssigned(GroupKey key) {
        return members.members(key).stream()
                .flatMap(member -> member.partitions().stream())
                .sorted()
                .toList();
    }

    @ParameterizedTest(name = "{0} members, {1} partitions")
    @MethodSource("membersAndPartitions")
    void everyPartitionHasExactlyOneOwnerAndLoadDiffersByAtMostOne(int memberCount, int partitions) {
        for (long client = 1; client <= memberCount; client++) {
            members.join(GROUP, partitions, client * 10, 0);
        }

        assertThat(allAssigned(GROUP))
                .isEqualTo(LongStream.range(0, partitions).boxed().toList());
        List<Integer> loads = members.members(GROUP).stream()
                .map(member -> member.partitions().size())
                .toList();
        assertThat(loads.stream().mapToInt(Integer::intValue).max().orElseThrow()
                        - loads.stream().mapToInt(Integer::intValue).min().orElseThrow())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void partitionsGoRoundRobinInMemberIdOrder() {
        members.join(GROUP, 5, 100, 0);
        members.join(GROUP, 5, 200, 0);

        assertThat(members.members(GROUP))
                .containsExactly(new Member(0, 100, List.of(0L, 2L, 4L)), new Member(1, 200, List.of(1L, 3L)));
        assertThat(members.assignedPartitions(GROUP, 200)).containsExactly(1L, 3L);
    }

    @Test
    void joiningTwiceIsIdempotent() {
        members.join(GROUP, 3, 100, 0);
        members.join(GROUP, 3, 100, 0);

        assertThat(members.membersCount(GROUP)).isEqualTo(1);
        assertThat(members.assignedPartitions(GROUP, 100)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void leaveRebalancesAndANonMemberGets5006() {
        members.join(GROUP, 4, 100, 0);
        members.join(GROUP, 4, 200, 0);
        members.leave(GROUP, 100);

        assertThat(members.assignedPartitions(GROUP, 200)).containsExactly(0L, 1L, 2L, 3L);
        assertNotMember(() -> members.leave(GROUP, 100));
        assertNotMember(() -> members.leave(OTHER, 200));
        assertNotMember(() -> members.assignedPartitions(GROUP, 100));
        assertNotMember(() -> members.nextPartition(GROUP, 100));
    }

    @Test
    void disconnectLeavesEveryGroupAndRebalances() {
        members.join(GROUP, 2, 100, 0);
        members.join(GROUP, 2, 200, 0);
        members.join(OTHER, 1, 100, 0);

        assertThat(members.groupsOf(100)).containsExactly(GROUP, OTHER);
        assertThat(members.removeClient(100)).containsExactly(GROUP, OTHER);

        assertThat(members.groupsOf(100)).isEmpty();
        assertThat(members.assignedPartitions(GROUP, 200)).containsExactly(0L, 1L);
        assertThat(members.members(OTHER)).isEmpty();
    }

    @Test
    void freedMemberIdsAreReusedMostRecentFirst() {
        members.join(GROUP, 3, 100, 0);
        members.join(GROUP, 3, 200, 0);
        members.join(GROUP, 3, 300, 0);
        members.leave(GROUP, 200);
        members.join(GROUP, 3, 400, 0);

        assertThat(members.members(GROUP))
                .extracting(Member::memberId, Member::clientId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 100L),
                        org.assertj.core.groups.Tuple.tuple(1L, 400L),
                        org.assertj.core.groups.Tuple.tuple(2L, 300L));
    }

    @Test
    void partitionCountChangeRebalancesTheTopicsGroups() {
        members.join(GROUP, 2, 100, 0);
        members.join(GROUP, 2, 200, 0);
        members.join(OTHER, 2, 100, 0);
        members.partitionsChanged(0, 0, 5);

        assertThat(members.assignedPartitions(GROUP, 100)).containsExactly(0L, 2L, 4L);
        assertThat(members.assignedPartitions(OTHER, 100)).containsExactly(0L, 1L);
    }

    @Test
    void nextPartitionCyclesThroughTheMembersOwnPartitions() {
        members.join(GROUP, 5, 100, 0);
        members.join(GROUP, 5, 200, 0);

        List<Long> polled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            polled.add(members.nextPartition(GROUP, 100).orElseThrow());
        }
        assertThat(polled).containsExactly(0L, 2L, 4L, 0L, 2L);

        members.join(GROUP, 1, 300, 0);
        assertThat(members.nextPartition(GROUP, 200)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void silentMembersExpireAfterMoreThanOnePointTwoIntervals() {
        members.join(GROUP, 2, 100, 0);
        members.join(GROUP, 2, 200, 0);
        members.touch(100, 1_000);

        assertThat(members.expireSilent(1_200, 1_000)).isEmpty();
        assertThat(members.expireSilent(1_201, 1_000)).containsExactly(200L);
        assertThat(members.assignedPartitions(GROUP, 100)).containsExactly(0L, 1L);
        assertThat(members.expireSilent(2_201, 1_000)).containsExactly(100L);
        assertThat(members.members(GROUP)).isEmpty();
    }

    @Test
    void deletedGroupsForgetTheirMembers() {
        members.join(GROUP, 2, 100, 0);
        members.join(OTHER, 2, 100, 0);
        members.join(new GroupKey(1, 0, 0), 2, 100, 0);
        members.removeGroup(GROUP);
        assertThat(members.isMember(GROUP, 100)).isFalse();
        members.removeTopic(0, 1);
        assertThat(members.groupsOf(100)).containsExactly(new GroupKey(1, 0, 0));
        members.removeStream(1);
        assertThat(members.groupsOf(100)).isEmpty();
    }

    private static void assertNotMember(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(WhippetException.class)
                .extracting(e -> ((WhippetException) e).errorCode())
                .isEqualTo(ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND);
    }
}
