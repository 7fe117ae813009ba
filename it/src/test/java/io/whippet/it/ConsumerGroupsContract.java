package io.whippet.it;

import static io.whippet.it.Sdk.group;
import static io.whippet.it.Sdk.stream;
import static io.whippet.it.Sdk.topic;
import static io.whippet.it.ServerErrors.assertConflict;
import static io.whippet.it.ServerErrors.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroup;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.consumergroup.ConsumerGroupMember;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.system.ConsumerGroupInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consumer groups: codes 600-605 and polling as a member (wire-protocol.md 6.8, 6.10). Membership
 * belongs to a TCP connection; the test clients use a one-connection pool so join and poll share it.
 */
abstract class ConsumerGroupsContract extends ContractTestBase {
    private static final int PARTITIONS = 3;

    @BeforeEach
    void createTopic() {
        root.streams().createStream("groups-home");
        Sdk.createTopic(root, 0, PARTITIONS, "t");
    }

    @Test
    void createdGroupHasTheTopicsPartitionsAndNoMembers() {
        ConsumerGroupDetails created = root.consumerGroups().createConsumerGroup(stream(0), topic(0), "workers");

        assertThat(created.id()).isZero();
        assertThat(created.name()).isEqualTo("workers");
        assertThat(created.partitionsCount()).isEqualTo(PARTITIONS);
        assertThat(created.membersCount()).isZero();
        assertThat(created.members()).isEmpty();
    }

    @Test
    void groupIdsCountFromZeroPerTopic() {
        Sdk.createTopic(root, 0, 1, "other");

        ConsumerGroupDetails a = root.consumerGroups().createConsumerGroup(stream(0), topic(0), "a");
        ConsumerGroupDetails b = root.consumerGroups().createConsumerGroup(stream(0), topic(0), "b");
        ConsumerGroupDetails c = root.consumerGroups().createConsumerGroup(stream(0), topic(1), "a");

        assertThat(List.of(a.id(), b.id(), c.id())).containsExactly(0L, 1L, 0L);
    }

    @Test
    void getGroupByIdAndByName() {
        ConsumerGroupDetails created = root.consumerGroups().createConsumerGroup(stream(0), topic(0), "lookup");

        assertThat(root.consumerGroups().getConsumerGroup(stream(0), topic(0), group(0)))
                .contains(created);
        assertThat(root.consumerGroups().getConsumerGroup(stream(0), topic(0), ConsumerId.of("lookup")))
                .contains(created);
    }

    @Test
    void getMissingGroupIsEmpty() {
        assertThat(root.consumerGroups().getConsumerGroup(stream(0), topic(0), group(3)))
                .isEmpty();
        assertThat(root.consumerGroups().getConsumerGroup(stream(0), topic(0), ConsumerId.of("none")))
                .isEmpty();
    }

    @Test
    void getGroupsListsEveryGroupOfTheTopic() {
        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "g0");
        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "g1");

        assertThat(root.consumerGroups().getConsumerGroups(stream(0), topic(0)))
                .extracting(ConsumerGroup::id, ConsumerGroup::name, ConsumerGroup::partitionsCount)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(0L, "g0", 3L),
                        org.assertj.core.groups.Tuple.tuple(1L, "g1", 3L));
    }

    @Test
    void getGroupsOfATopicWithoutGroupsIsEmpty() {
        assertThat(root.consumerGroups().getConsumerGroups(stream(0), topic(0))).isEmpty();
    }

    @Test
    void deleteGroupRemovesIt() {
        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "gone");

        root.consumerGroups().deleteConsumerGroup(stream(0), topic(0), group(0));

        assertThat(root.consumerGroups().getConsumerGroup(stream(0), topic(0), group(0)))
                .isEmpty();
        assertThat(root.consumerGroups().getConsumerGroups(stream(0), topic(0))).isEmpty();
    }

    @Test
    void deleteMissingGroupIsNotFound() {
        assertNotFound(() -> root.consumerGroups().deleteConsumerGroup(stream(0), topic(0), group(4)), 5000);
    }

    @Test
    void duplicateGroupNameIsAConflict() {
        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "dup");

        assertConflict(() -> root.consumerGroups().createConsumerGroup(stream(0), topic(0), "dup"), 5004);
    }

    @Test
    void createGroupOnAMissingTopicIsNotFound() {
        assertNotFound(() -> root.consumerGroups().createConsumerGroup(stream(0), topic(7), "g"), 2010);
    }

    @Test
    void aSoleMemberOwnsEveryPartition() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "solo");
        IggyBaseClient member = clients().root();

        member.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));

        ConsumerGroupDetails details = root.consumerGroups()
                .getConsumerGroup(stream(0), topic(0), group(0))
                .orElseThrow();
        assertThat(details.membersCount()).isEqualTo(1);
        assertThat(details.members()).hasSize(1);
        assertThat(details.members().get(0).partitions()).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(details.members().get(0).partitionsCount()).isEqualTo(3);
    }

    @Test
    void joinByNameShowsInGetMe() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "named");
        IggyBaseClient member = clients().root();

        member.consumerGroups().joinConsumerGroup(stream("groups-home"), topic("t"), ConsumerId.of("named"));

        var me = member.system().getMe();
        assertThat(me.consumerGroupsCount()).isEqualTo(1);
        assertThat(me.consumerGroups()).containsExactly(new ConsumerGroupInfo(0L, 0L, 0L));
    }

    @Test
    void twoMembersSplitThePartitionsWithoutOverlap() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "pair");
        IggyBaseClient first = clients().root();
        IggyBaseClient second = clients().root();

        first.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));
        second.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));

        ConsumerGroupDetails details = root.consumerGroups()
                .getConsumerGroup(stream(0), topic(0), group(0))
                .orElseThrow();
        assertThat(details.membersCount()).isEqualTo(2);
        List<Long> assigned = new ArrayList<>();
        for (ConsumerGroupMember member : details.members()) {
            assertThat(member.partitions()).isNotEmpty();
            assertThat(member.partitionsCount()).isEqualTo(member.partitions().size());
            assigned.addAll(member.partitions());
        }
        assertThat(assigned).containsExactlyInAnyOrder(0L, 1L, 2L);
    }

    @Test
    void leaveRemovesTheMember() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "leavers");
        IggyBaseClient member = clients().root();
        member.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));

        member.consumerGroups().leaveConsumerGroup(stream(0), topic(0), group(0));

        ConsumerGroupDetails details = root.consumerGroups()
                .getConsumerGroup(stream(0), topic(0), group(0))
                .orElseThrow();
        assertThat(details.membersCount()).isZero();
        assertThat(details.members()).isEmpty();
        assertThat(member.system().getMe().consumerGroupsCount()).isZero();
    }

    @Test
    void disconnectingRemovesTheMember() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "quitters");
        IggyBaseClient member = clients().root();
        member.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));

        clients().closeNow(member);

        Eventually.assertWithin(
                10,
                () -> assertThat(root.consumerGroups()
                                .getConsumerGroup(stream(0), topic(0), group(0))
                                .orElseThrow()
                                .membersCount())
                        .isZero());
    }

    @Test
    void joinMissingGroupIsNotFound() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        assertNotFound(() -> root.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(5)), 5000);
    }

    @Test
    void leaveWithoutJoiningIsMemberNotFound() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "strangers");

        assertNotFound(() -> root.consumerGroups().leaveConsumerGroup(stream(0), topic(0), group(0)), 5006);
    }

    @Test
    void pollAsANonMemberIsMemberNotFound() {
        assumeSessions("a group consumer polls as the plain consumer with that id (http-api.md 4.9)");

        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "closed");

        assertNotFound(
                () -> root.messages()
                        .pollMessages(
                                stream(0),
                                topic(0),
                                Optional.empty(),
                                Consumer.group(0L),
                                PollingStrategy.next(),
                                1L,
                                false),
                5006);
    }

    @Test
    void pollAsAMemberWithoutPartitionIdRoundRobinsOverItsPartitions() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        for (long partition = 0; partition < PARTITIONS; partition++) {
            Sdk.send(root, 0, 0, partition, Sdk.texts("p" + partition, 0, 2));
        }
        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "readers");
        IggyBaseClient member = clients().root();
        member.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));

        Set<Long> polledPartitions = new HashSet<>();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            PolledMessages polled = pollAsGroup(member, 10);
            polledPartitions.add(polled.partitionId());
            payloads.addAll(Sdk.payloads(polled));
            assertThat(Sdk.offsets(polled)).containsExactly(0L, 1L);
        }

        assertThat(polledPartitions).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(payloads).containsExactlyInAnyOrder("p0-0", "p0-1", "p1-0", "p1-1", "p2-0", "p2-1");
        for (int i = 0; i < PARTITIONS; i++) {
            assertThat(pollAsGroup(member, 10).messages()).isEmpty();
        }
    }

    @Test
    void aMemberPollingAnOwnedPartitionByIdGetsItsMessages() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        Sdk.send(root, 0, 0, 1, Sdk.texts("one", 0, 3));
        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "direct");
        IggyBaseClient member = clients().root();
        member.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));

        PolledMessages polled = member.messages()
                .pollMessages(
                        stream(0), topic(0), Optional.of(1L), Consumer.group(0L), PollingStrategy.first(), 10L, false);

        assertThat(polled.partitionId()).isEqualTo(1);
        assertThat(Sdk.payloads(polled)).containsExactly("one-0", "one-1", "one-2");
    }

    @Test
    void groupAutoCommitIsSharedByTheGroupNotTheMember() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        Sdk.send(root, 0, 0, 0, Sdk.texts("m", 0, 4));
        root.consumerGroups().createConsumerGroup(stream(0), topic(0), "shared");
        IggyBaseClient member = clients().root();
        member.consumerGroups().joinConsumerGroup(stream(0), topic(0), group(0));

        member.messages()
                .pollMessages(
                        stream(0), topic(0), Optional.of(0L), Consumer.group(0L), PollingStrategy.next(), 3L, true);

        assertThat(root.consumerOffsets()
                        .getConsumerOffset(stream(0), topic(0), Optional.of(0L), Consumer.group(0L))
                        .orElseThrow()
                        .storedOffset())
                .isEqualTo(java.math.BigInteger.TWO);
    }

    @Test
    void numericOverloadsCoverTheGroupLifecycle() {
        assumeSessions(
                "the SDK refuses consumer-group join and leave itself: no connection holds a membership (http-api.md 4.7)");

        ConsumerGroupDetails created = root.consumerGroups().createConsumerGroup(0L, 0L, "numeric");
        IggyBaseClient member = clients().root();

        member.consumerGroups().joinConsumerGroup(0L, 0L, 0L);
        assertThat(root.consumerGroups()
                        .getConsumerGroup(0L, 0L, 0L)
                        .orElseThrow()
                        .membersCount())
                .isEqualTo(1);
        member.consumerGroups().leaveConsumerGroup(0L, 0L, 0L);
        assertThat(root.consumerGroups().getConsumerGroups(0L, 0L))
                .containsExactly(new ConsumerGroup(created.id(), "numeric", 3L, 0L));
        root.consumerGroups().deleteConsumerGroup(0L, 0L, 0L);
        assertThat(root.consumerGroups().getConsumerGroup(0L, 0L, 0L)).isEmpty();
    }

    private static PolledMessages pollAsGroup(IggyBaseClient member, long count) {
        return member.messages()
                .pollMessages(
                        stream(0), topic(0), Optional.empty(), Consumer.group(0L), PollingStrategy.next(), count, true);
    }
}
