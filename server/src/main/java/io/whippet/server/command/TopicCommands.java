package io.whippet.server.command;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.command.CreatePartitions;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.DeletePartitions;
import io.whippet.protocol.command.DeleteSegments;
import io.whippet.protocol.command.DeleteTopic;
import io.whippet.protocol.command.GetTopic;
import io.whippet.protocol.command.GetTopics;
import io.whippet.protocol.command.PurgeTopic;
import io.whippet.protocol.command.UpdateTopic;
import io.whippet.protocol.response.Responses;
import io.whippet.protocol.response.TopicInfo;
import io.whippet.server.metadata.MetadataView;
import io.whippet.server.metadata.TopicSettings;
import io.whippet.server.metadata.User;
import io.whippet.server.partition.Partition;
import java.util.ArrayList;
import java.util.List;

/** Topics, their partitions and segments. */
final class TopicCommands {
    private final CommandContext context;

    TopicCommands(CommandContext context) {
        this.context = context;
    }

    Reply topic(User user, GetTopic command) {
        MetadataView view = context.metadata().view();
        var topic = view.topic(command.streamId(), command.topicId());
        if (topic.isEmpty()) {
            return Reply.EMPTY;
        }
        context.permissioner()
                .getTopic(user, topic.get().streamId(), topic.get().id());
        return Reply.ok(Responses.encodePayload(Views.topicDetails(topic.get(), context.dataPlane())));
    }

    Reply topics(User user, GetTopics command) {
        MetadataView view = context.metadata().view();
        var stream = view.stream(command.streamId());
        if (stream.isEmpty()) {
            return Reply.EMPTY;
        }
        context.permissioner().getTopics(user, stream.get().id());
        List<TopicInfo> topics = new ArrayList<>();
        for (var topic : view.topics(Identifier.of(stream.get().id()))) {
            topics.add(Views.topic(topic, context.dataPlane()));
        }
        return Reply.ok(Responses.encodeListPayload(topics));
    }

    Reply create(User user, CreateTopic command) {
        var stream = context.metadata().view().requireStream(command.streamId());
        context.permissioner().createTopic(user, stream.id());
        var settings = new TopicSettings(
                command.name(),
                command.compressionAlgorithm(),
                command.messageExpiryMicros(),
                command.maxTopicSizeBytes(),
                command.replicationFactor());
        context.structureLock().lock();
        try {
            var topic = context.metadata()
                    .createTopic(Identifier.of(stream.id()), count(command.partitionsCount()), settings);
            context.dataPlane().topicCreated(topic);
            return Reply.ok(Responses.encodePayload(Views.topicDetails(topic, context.dataPlane())));
        } finally {
            context.structureLock().unlock();
        }
    }

    Reply update(User user, UpdateTopic command) {
        var topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().updateTopic(user, topic.streamId(), topic.id());
        var settings = new TopicSettings(
                command.name(),
                command.compressionAlgorithm(),
                command.messageExpiryMicros(),
                command.maxTopicSizeBytes(),
                command.replicationFactor());
        context.structureLock().lock();
        try {
            var updated = context.metadata()
                    .updateTopic(Identifier.of(topic.streamId()), Identifier.of(topic.id()), settings);
            context.dataPlane().topicUpdated(updated);
        } finally {
            context.structureLock().unlock();
        }
        return Reply.EMPTY;
    }

    Reply delete(User user, DeleteTopic command) {
        var topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().deleteTopic(user, topic.streamId(), topic.id());
        context.structureLock().lock();
        try {
            var deleted = context.metadata().deleteTopic(Identifier.of(topic.streamId()), Identifier.of(topic.id()));
            context.members().removeTopic(deleted.streamId(), deleted.id());
            context.dataPlane().topicDeleted(deleted.streamId(), deleted.id());
        } finally {
            context.structureLock().unlock();
        }
        return Reply.EMPTY;
    }

    Reply purge(User user, PurgeTopic command) {
        var topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().purgeTopic(user, topic.streamId(), topic.id());
        context.structureLock().lock();
        try {
            context.dataPlane().purgeTopic(topic.streamId(), topic.id());
        } finally {
            context.structureLock().unlock();
        }
        return Reply.EMPTY;
    }

    Reply createPartitions(User user, CreatePartitions command) {
        var topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().createPartitions(user, topic.streamId(), topic.id());
        changePartitions(
                topic,
                () -> context.metadata()
                        .createPartitions(
                                Identifier.of(topic.streamId()),
                                Identifier.of(topic.id()),
                                count(command.partitionsCount())));
        return Reply.EMPTY;
    }

    Reply deletePartitions(User user, DeletePartitions command) {
        var topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().deletePartitions(user, topic.streamId(), topic.id());
        changePartitions(
                topic,
                () -> context.metadata()
                        .deletePartitions(
                                Identifier.of(topic.streamId()),
                                Identifier.of(topic.id()),
                                count(command.partitionsCount())));
        return Reply.EMPTY;
    }

    private void changePartitions(
            io.whippet.server.metadata.TopicInfo topic,
            java.util.function.Supplier<io.whippet.server.metadata.TopicInfo> change) {
        context.structureLock().lock();
        try {
            var updated = change.get();
            context.dataPlane().topicUpdated(updated);
            context.members().partitionsChanged(updated.streamId(), updated.id(), updated.partitionsCount());
        } finally {
            context.structureLock().unlock();
        }
    }

    Reply deleteSegments(User user, DeleteSegments command) {
        var topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().deleteSegments(user, topic.streamId(), topic.id());
        Partition partition = context.dataPlane()
                .topic(topic.streamId(), topic.id())
                .flatMap(data -> data.partition(command.partitionId()))
                .orElseThrow(() -> new WhippetException(
                        ErrorCode.PARTITION_NOT_FOUND, "partition: " + command.partitionId() + " (not found)"));
        int segments = count(command.segmentsCount());
        // Segments still holding messages some consumer has not committed past are kept.
        var lowest = partition.offsets().lowestStoredOffset();
        if (lowest.isPresent()) {
            partition.log().deleteOldestSegments(segments, lowest.getAsLong() + 1);
        } else {
            partition.log().deleteOldestSegments(segments);
        }
        return Reply.EMPTY;
    }

    /** A u32 count as an int; anything past int range fails the callee's own range checks. */
    private static int count(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
