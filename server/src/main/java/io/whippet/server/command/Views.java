package io.whippet.server.command;

import io.whippet.protocol.Identifier;
import io.whippet.protocol.response.ConsumerGroupDetails;
import io.whippet.protocol.response.ConsumerGroupInfo;
import io.whippet.protocol.response.ConsumerGroupMember;
import io.whippet.protocol.response.PartitionInfo;
import io.whippet.protocol.response.StreamDetails;
import io.whippet.protocol.response.StreamInfo;
import io.whippet.protocol.response.TopicDetails;
import io.whippet.protocol.response.TopicInfo;
import io.whippet.protocol.response.UserDetails;
import io.whippet.protocol.response.UserInfo;
import io.whippet.server.metadata.ConsumerGroupMembers;
import io.whippet.server.metadata.MetadataView;
import io.whippet.server.metadata.User;
import io.whippet.server.partition.DataPlane;
import io.whippet.server.partition.Partition;
import io.whippet.server.partition.TopicData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds wire records from metadata plus live partition statistics. */
final class Views {
    private Views() {}

    static StreamInfo stream(io.whippet.server.metadata.StreamInfo stream, MetadataView view, DataPlane plane) {
        List<io.whippet.server.metadata.TopicInfo> topics = view.topics(Identifier.of(stream.id()));
        long size = 0;
        long messages = 0;
        for (var topic : topics) {
            Optional<TopicData> data = plane.topic(topic.streamId(), topic.id());
            if (data.isPresent()) {
                size += data.get().sizeBytes();
                messages += data.get().messagesCount();
            }
        }
        return new StreamInfo(stream.id(), stream.createdAtMicros(), topics.size(), size, messages, stream.name());
    }

    static StreamDetails streamDetails(
            io.whippet.server.metadata.StreamInfo stream, MetadataView view, DataPlane plane) {
        List<TopicInfo> topics = new ArrayList<>();
        for (var topic : view.topics(Identifier.of(stream.id()))) {
            topics.add(topic(topic, plane));
        }
        return new StreamDetails(stream(stream, view, plane), topics);
    }

    static TopicInfo topic(io.whippet.server.metadata.TopicInfo topic, DataPlane plane) {
        Optional<TopicData> data = plane.topic(topic.streamId(), topic.id());
        return new TopicInfo(
                topic.id(),
                topic.createdAtMicros(),
                topic.partitionsCount(),
                topic.messageExpiryMicros(),
                topic.compression(),
                topic.maxTopicSizeBytes(),
                topic.replicationFactor(),
                data.map(TopicData::sizeBytes).orElse(0L),
                data.map(TopicData::messagesCount).orElse(0L),
                topic.name());
    }

    static TopicDetails topicDetails(io.whippet.server.metadata.TopicInfo topic, DataPlane plane) {
        List<PartitionInfo> partitions = new ArrayList<>();
        plane.topic(topic.streamId(), topic.id()).ifPresent(data -> {
            for (Partition partition : data.partitions()) {
                partitions.add(partition(partition));
            }
        });
        return new TopicDetails(topic(topic, plane), partitions);
    }

    static PartitionInfo partition(Partition partition) {
        var log = partition.log();
        return new PartitionInfo(
                partition.id(),
                partition.createdAtMicros(),
                log.segmentsCount(),
                log.currentOffset(),
                log.sizeBytes(),
                log.messagesCount());
    }

    static ConsumerGroupInfo group(
            io.whippet.server.metadata.ConsumerGroupInfo group, int partitionsCount, ConsumerGroupMembers members) {
        var key = new ConsumerGroupMembers.GroupKey(group.streamId(), group.topicId(), group.id());
        return new ConsumerGroupInfo(group.id(), partitionsCount, members.membersCount(key), group.name());
    }

    static ConsumerGroupDetails groupDetails(
            io.whippet.server.metadata.ConsumerGroupInfo group, int partitionsCount, ConsumerGroupMembers members) {
        var key = new ConsumerGroupMembers.GroupKey(group.streamId(), group.topicId(), group.id());
        List<ConsumerGroupMember> result = new ArrayList<>();
        for (var member : members.members(key)) {
            result.add(new ConsumerGroupMember(member.memberId(), member.partitions()));
        }
        return new ConsumerGroupDetails(group(group, partitionsCount, members), result);
    }

    static UserInfo user(User user) {
        return new UserInfo(user.id(), user.createdAtMicros(), user.status(), user.username());
    }

    static UserDetails userDetails(User user) {
        return new UserDetails(user(user), user.permissions().orElse(null));
    }
}
