package io.whippet.server.command;

import io.whippet.protocol.Identifier;
import io.whippet.protocol.command.CreateConsumerGroup;
import io.whippet.protocol.command.DeleteConsumerGroup;
import io.whippet.protocol.command.GetConsumerGroup;
import io.whippet.protocol.command.GetConsumerGroups;
import io.whippet.protocol.command.JoinConsumerGroup;
import io.whippet.protocol.command.LeaveConsumerGroup;
import io.whippet.protocol.response.ConsumerGroupInfo;
import io.whippet.protocol.response.Responses;
import io.whippet.server.metadata.ConsumerGroupMembers;
import io.whippet.server.metadata.MetadataView;
import io.whippet.server.metadata.User;
import io.whippet.server.partition.Partition;
import io.whippet.storage.ConsumerKind;
import java.util.ArrayList;
import java.util.List;

/** Consumer groups and their membership, which belongs to connections. */
final class GroupCommands {
    private final CommandContext context;

    GroupCommands(CommandContext context) {
        this.context = context;
    }

    Reply group(User user, GetConsumerGroup command) {
        MetadataView view = context.metadata().view();
        var topic = view.topic(command.streamId(), command.topicId());
        if (topic.isEmpty()) {
            return Reply.EMPTY;
        }
        context.permissioner()
                .getConsumerGroup(user, topic.get().streamId(), topic.get().id());
        return view.consumerGroup(command.streamId(), command.topicId(), command.groupId())
                .map(group -> Reply.ok(Responses.encodePayload(
                        Views.groupDetails(group, topic.get().partitionsCount(), context.members()))))
                .orElse(Reply.EMPTY);
    }

    Reply groups(User user, GetConsumerGroups command) {
        MetadataView view = context.metadata().view();
        var topic = view.requireTopic(command.streamId(), command.topicId());
        context.permissioner().getConsumerGroups(user, topic.streamId(), topic.id());
        List<ConsumerGroupInfo> groups = new ArrayList<>();
        for (var group : view.consumerGroups(command.streamId(), command.topicId())) {
            groups.add(Views.group(group, topic.partitionsCount(), context.members()));
        }
        return Reply.ok(Responses.encodeListPayload(groups));
    }

    Reply create(User user, CreateConsumerGroup command) {
        var topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().createConsumerGroup(user, topic.streamId(), topic.id());
        context.structureLock().lock();
        try {
            var group = context.metadata()
                    .createConsumerGroup(Identifier.of(topic.streamId()), Identifier.of(topic.id()), command.name());
            // A reused group id must not inherit the offsets of the group that had it before.
            clearStoredOffsets(group.streamId(), group.topicId(), group.id());
            return Reply.ok(Responses.encodePayload(Views.group(group, topic.partitionsCount(), context.members())));
        } finally {
            context.structureLock().unlock();
        }
    }

    Reply delete(User user, DeleteConsumerGroup command) {
        var topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().deleteConsumerGroup(user, topic.streamId(), topic.id());
        context.structureLock().lock();
        try {
            var group =
                    context.metadata().deleteConsumerGroup(command.streamId(), command.topicId(), command.groupId());
            context.members()
                    .removeGroup(new ConsumerGroupMembers.GroupKey(group.streamId(), group.topicId(), group.id()));
            clearStoredOffsets(group.streamId(), group.topicId(), group.id());
        } finally {
            context.structureLock().unlock();
        }
        return Reply.EMPTY;
    }

    Reply join(Session session, User user, JoinConsumerGroup command) {
        MetadataView view = context.metadata().view();
        var topic = view.requireTopic(command.streamId(), command.topicId());
        context.permissioner().joinConsumerGroup(user, topic.streamId(), topic.id());
        var group = view.requireConsumerGroup(command.streamId(), command.topicId(), command.groupId());
        context.members()
                .join(
                        new ConsumerGroupMembers.GroupKey(group.streamId(), group.topicId(), group.id()),
                        topic.partitionsCount(),
                        session.clientId(),
                        context.nowMicros());
        return Reply.EMPTY;
    }

    Reply leave(Session session, User user, LeaveConsumerGroup command) {
        MetadataView view = context.metadata().view();
        var topic = view.requireTopic(command.streamId(), command.topicId());
        context.permissioner().leaveConsumerGroup(user, topic.streamId(), topic.id());
        var group = view.requireConsumerGroup(command.streamId(), command.topicId(), command.groupId());
        context.members()
                .leave(
                        new ConsumerGroupMembers.GroupKey(group.streamId(), group.topicId(), group.id()),
                        session.clientId());
        return Reply.EMPTY;
    }

    private void clearStoredOffsets(long streamId, long topicId, long groupId) {
        context.dataPlane().topic(streamId, topicId).ifPresent(data -> {
            for (Partition partition : data.partitions()) {
                partition.offsets().delete(ConsumerKind.GROUP, groupId);
            }
        });
    }
}
