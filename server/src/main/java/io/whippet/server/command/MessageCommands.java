package io.whippet.server.command;

import io.whippet.protocol.Consumer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.Xxh32;
import io.whippet.protocol.command.DeleteConsumerOffset;
import io.whippet.protocol.command.FlushUnsavedBuffer;
import io.whippet.protocol.command.GetConsumerOffset;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.command.SendMessages;
import io.whippet.protocol.command.StoreConsumerOffset;
import io.whippet.protocol.response.ConsumerOffsetInfo;
import io.whippet.protocol.response.PolledMessages;
import io.whippet.protocol.response.Responses;
import io.whippet.server.metadata.ConsumerGroupMembers;
import io.whippet.server.metadata.MetadataView;
import io.whippet.server.metadata.TopicInfo;
import io.whippet.server.metadata.User;
import io.whippet.server.partition.Partition;
import io.whippet.server.partition.TopicData;
import io.whippet.server.payload.DecodedMessages;
import io.whippet.server.payload.EncodedBatch;
import io.whippet.server.payload.PayloadCodec;
import io.whippet.storage.ConsumerKind;
import io.whippet.storage.ReadQuery;
import io.whippet.storage.ReadResult;
import io.whippet.storage.ReadStart;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Send, poll, flush and consumer offsets: the data path. */
final class MessageCommands {
    /** The most bytes one poll answers with; a poll always returns at least one message. */
    static final long MAX_POLL_BYTES = 64L * 1024 * 1024;

    private final CommandContext context;
    private final PayloadCodec codec;

    MessageCommands(CommandContext context) {
        this.context = context;
        var encryption = context.config().system().encryption();
        this.codec = encryption.enabled() ? PayloadCodec.encrypting(encryption.key()) : PayloadCodec.plain();
    }

    Reply send(User user, SendMessages command) {
        MetadataView view = context.metadata().view();
        TopicInfo topic = view.requireTopic(command.streamId(), command.topicId());
        context.permissioner().sendMessages(user, topic.streamId(), topic.id());
        TopicData data = topicData(topic);
        Partition partition = switch (command.partitioning()) {
            case Partitioning.Balanced balanced ->
                data.nextBalanced()
                        .orElseThrow(() -> new WhippetException(ErrorCode.NO_PARTITIONS, "topic has no partitions"));
            case Partitioning.PartitionId id -> requirePartition(data, id.partitionId());
            case Partitioning.MessagesKey key -> {
                if (data.partitionsCount() == 0) {
                    throw new WhippetException(ErrorCode.NO_PARTITIONS, "topic has no partitions");
                }
                long hash = Xxh32.hash(key.key());
                yield data.partitions().get((int) Long.remainderUnsigned(hash, data.partitionsCount()));
            }
        };
        try (EncodedBatch stored = codec.encode(command.messages(), command.messagesCount(), topic.compression())) {
            if (stored.rewritten()) {
                partition.markEncodedPayloads();
            }
            partition.append(stored.messages(), command.messagesCount(), context.nowMicros());
        }
        return Reply.EMPTY;
    }

    /**
     * Whether {@code command} can be answered without blocking: no auto-commit (its store fsyncs),
     * and no partition of the topic holds encoded messages (decoding is CPU work the size of the
     * poll). What remains is an index lookup; the messages themselves go out as file regions.
     */
    boolean pollIsQuick(PollMessages command) {
        if (command.autoCommit()) {
            return false;
        }
        var topic = context.metadata().view().topic(command.streamId(), command.topicId());
        if (topic.isEmpty()) {
            return true; // answered with an error at once
        }
        var data = context.dataPlane().topic(topic.get().streamId(), topic.get().id());
        return data.isEmpty() || data.get().partitions().stream().noneMatch(Partition::holdsEncodedPayloads);
    }

    Reply poll(Session session, User user, PollMessages command) {
        MetadataView view = context.metadata().view();
        TopicInfo topic = view.requireTopic(command.streamId(), command.topicId());
        context.permissioner().pollMessages(user, topic.streamId(), topic.id());
        TopicData data = topicData(topic);
        Target target;
        if (command.consumer().kind() == Consumer.Kind.CONSUMER_GROUP) {
            var group = view.requireConsumerGroup(
                    command.streamId(), command.topicId(), command.consumer().id());
            var key = new ConsumerGroupMembers.GroupKey(group.streamId(), group.topicId(), group.id());
            if (!context.members().isMember(key, session.clientId())) {
                throw new WhippetException(
                        ErrorCode.CONSUMER_GROUP_MEMBER_NOT_FOUND,
                        "client " + session.clientId() + " is not a member of group " + group.name());
            }
            OptionalLong partitionId;
            if (command.partitionId().present()) {
                List<Long> assigned = context.members().assignedPartitions(key, session.clientId());
                partitionId = assigned.contains(command.partitionId().partitionId())
                        ? OptionalLong.of(command.partitionId().partitionId())
                        : OptionalLong.empty();
            } else {
                partitionId = context.members().nextPartition(key, session.clientId());
            }
            if (partitionId.isEmpty()) {
                return Reply.ok(header(
                        command.partitionId().present() ? command.partitionId().partitionId() : 0, 0, 0));
            }
            target = new Target(ConsumerKind.GROUP, group.id(), requirePartition(data, partitionId.getAsLong()));
        } else {
            target = new Target(
                    ConsumerKind.CONSUMER,
                    consumerId(command.consumer().id()),
                    requirePartition(
                            data,
                            command.partitionId().present()
                                    ? command.partitionId().partitionId()
                                    : 0));
        }
        var log = target.partition().log();
        long currentOffset = log.currentOffset();
        int count = (int) Math.min(command.count(), Integer.MAX_VALUE);
        Optional<ReadStart> start = readStart(command.strategy(), target, log.isEmpty(), currentOffset);
        if (count == 0 || start.isEmpty()) {
            return Reply.ok(header(target.partition().id(), currentOffset, 0));
        }
        ReadResult result = log.read(new ReadQuery(start.get(), count, MAX_POLL_BYTES));
        if (result.isEmpty()) {
            result.close();
            return Reply.ok(header(target.partition().id(), currentOffset, 0));
        }
        if (target.partition().holdsEncodedPayloads()) {
            return decodedPoll(command, target, currentOffset, result);
        }
        if (command.autoCommit()) {
            try {
                target.partition().offsets().store(target.kind(), target.id(), result.lastOffset());
            } catch (RuntimeException e) {
                result.close();
                throw e;
            }
        }
        return new Reply.Polled(header(target.partition().id(), currentOffset, result.messageCount()), result);
    }

    /**
     * A poll of a partition holding compressed or encrypted messages: decoded in memory, header
     * and messages in one buffer. Decoding may stop early (the decoded bytes are bounded too), so
     * the count and the auto-committed offset come from what was decoded.
     */
    private Reply decodedPoll(PollMessages command, Target target, long currentOffset, ReadResult result) {
        DecodedMessages decoded;
        try (result) {
            decoded = codec.decode(result, PolledMessages.HEADER_BYTES, MAX_POLL_BYTES);
        }
        if (command.autoCommit()) {
            target.partition().offsets().store(target.kind(), target.id(), decoded.lastOffset());
        }
        ByteBuffer reply = decoded.buffer();
        PolledMessages.encodeHeader(reply.duplicate(), target.partition().id(), currentOffset, decoded.count());
        return Reply.ok(reply);
    }

    private static Optional<ReadStart> readStart(
            PollingStrategy strategy, Target target, boolean empty, long currentOffset) {
        if (empty) {
            return Optional.empty();
        }
        return switch (strategy) {
            case PollingStrategy.Offset offset ->
                Long.compareUnsigned(offset.value(), currentOffset) > 0
                        ? Optional.empty()
                        : Optional.of(ReadStart.atOffset(offset.value()));
            case PollingStrategy.Timestamp timestamp -> Optional.of(ReadStart.atTimestamp(timestamp.value()));
            case PollingStrategy.First first -> Optional.of(ReadStart.first());
            case PollingStrategy.Last last -> Optional.of(ReadStart.last());
            case PollingStrategy.Next next -> {
                OptionalLong stored = target.partition().offsets().offset(target.kind(), target.id());
                if (stored.isEmpty()) {
                    yield Optional.of(ReadStart.first());
                }
                long from = stored.getAsLong() + 1;
                yield from > currentOffset ? Optional.empty() : Optional.of(ReadStart.atOffset(from));
            }
        };
    }

    Reply flush(User user, FlushUnsavedBuffer command) {
        TopicInfo topic = context.metadata().view().requireTopic(command.streamId(), command.topicId());
        context.permissioner().flushUnsavedBuffer(user, topic.streamId(), topic.id());
        requirePartition(topicData(topic), command.partitionId()).log().flush(command.fsync());
        return Reply.EMPTY;
    }

    Reply offset(Session session, User user, GetConsumerOffset command) {
        MetadataView view = context.metadata().view();
        var topic = view.topic(command.streamId(), command.topicId());
        if (topic.isEmpty()) {
            return Reply.EMPTY;
        }
        context.permissioner()
                .getConsumerOffset(user, topic.get().streamId(), topic.get().id());
        Optional<Target> target = offsetTarget(session, view, topic.get(), command.consumer(), command.partitionId());
        if (target.isEmpty()) {
            return Reply.EMPTY;
        }
        OptionalLong stored = target.get()
                .partition()
                .offsets()
                .offset(target.get().kind(), target.get().id());
        if (stored.isEmpty()) {
            return Reply.EMPTY;
        }
        var partition = target.get().partition();
        return Reply.ok(Responses.encodePayload(
                new ConsumerOffsetInfo(partition.id(), partition.log().currentOffset(), stored.getAsLong())));
    }

    Reply storeOffset(Session session, User user, StoreConsumerOffset command) {
        MetadataView view = context.metadata().view();
        TopicInfo topic = view.requireTopic(command.streamId(), command.topicId());
        context.permissioner().storeConsumerOffset(user, topic.streamId(), topic.id());
        Target target = offsetTarget(session, view, topic, command.consumer(), command.partitionId())
                .orElseThrow(() -> new WhippetException(
                        ErrorCode.PARTITION_NOT_FOUND,
                        "partition: " + command.partitionId().partitionId() + " (not found)"));
        target.partition().offsets().store(target.kind(), target.id(), command.offset());
        return Reply.EMPTY;
    }

    Reply deleteOffset(Session session, User user, DeleteConsumerOffset command) {
        MetadataView view = context.metadata().view();
        TopicInfo topic = view.requireTopic(command.streamId(), command.topicId());
        context.permissioner().deleteConsumerOffset(user, topic.streamId(), topic.id());
        Target target = offsetTarget(session, view, topic, command.consumer(), command.partitionId())
                .orElseThrow(() -> new WhippetException(
                        ErrorCode.PARTITION_NOT_FOUND,
                        "partition: " + command.partitionId().partitionId() + " (not found)"));
        if (!target.partition().offsets().delete(target.kind(), target.id())) {
            throw new WhippetException(
                    ErrorCode.CONSUMER_OFFSET_NOT_FOUND, "no offset stored for consumer " + target.id());
        }
        return Reply.EMPTY;
    }

    /** Whose offset, on which partition: for a group without a partition id, the member's first assigned one. */
    private Optional<Target> offsetTarget(
            Session session, MetadataView view, TopicInfo topic, Consumer consumer, OptionalPartitionId partitionId) {
        TopicData data = topicData(topic);
        if (consumer.kind() == Consumer.Kind.CONSUMER_GROUP) {
            var group = view.requireConsumerGroup(
                    Identifier.of(topic.streamId()), Identifier.of(topic.id()), consumer.id());
            long partition = 0;
            if (partitionId.present()) {
                partition = partitionId.partitionId();
            } else {
                var key = new ConsumerGroupMembers.GroupKey(group.streamId(), group.topicId(), group.id());
                List<Long> assigned = context.members().assignedPartitions(key, session.clientId());
                if (!assigned.isEmpty()) {
                    partition = assigned.getFirst();
                }
            }
            return data.partition(partition).map(p -> new Target(ConsumerKind.GROUP, group.id(), p));
        }
        long partition = partitionId.present() ? partitionId.partitionId() : 0;
        return data.partition(partition).map(p -> new Target(ConsumerKind.CONSUMER, consumerId(consumer.id()), p));
    }

    /** Numeric consumer ids are used as they are; named consumers get the XXH32 of their name, as in Iggy. */
    private static long consumerId(Identifier id) {
        return switch (id) {
            case Identifier.Numeric numeric -> numeric.id();
            case Identifier.Named named -> Xxh32.hash(named.name().getBytes(StandardCharsets.UTF_8));
        };
    }

    private TopicData topicData(TopicInfo topic) {
        return context.dataPlane()
                .topic(topic.streamId(), topic.id())
                .orElseThrow(() ->
                        new WhippetException(ErrorCode.TOPIC_ID_NOT_FOUND, "topic: " + topic.id() + " (not found)"));
    }

    private static Partition requirePartition(TopicData data, long partitionId) {
        return data.partition(partitionId)
                .orElseThrow(() -> new WhippetException(
                        ErrorCode.PARTITION_NOT_FOUND, "partition: " + partitionId + " (not found)"));
    }

    private static ByteBuffer header(long partitionId, long currentOffset, long count) {
        ByteBuffer header = ByteBuffer.allocate(PolledMessages.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        PolledMessages.encodeHeader(header, partitionId, currentOffset, count);
        return header.flip();
    }

    private record Target(ConsumerKind kind, long id, Partition partition) {}
}
