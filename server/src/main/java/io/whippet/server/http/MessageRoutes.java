package io.whippet.server.http;

import io.netty.buffer.ByteBuf;
import io.vertx.core.http.HttpMethod;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.PollingStrategy;
import io.whippet.protocol.command.FlushUnsavedBuffer;
import io.whippet.protocol.command.PollMessages;
import io.whippet.protocol.command.SendMessages;
import io.whippet.protocol.response.PolledMessages;
import io.whippet.server.command.Reply;
import io.whippet.storage.ReadResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Send, poll and flush (spec section 4.9). Polls are always by a plain consumer. */
final class MessageRoutes {
    private static final String MESSAGES = "/streams/:stream_id/topics/:topic_id/messages";

    private final HttpMetrics metrics;

    MessageRoutes(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    void register(RouteTable routes) {
        routes.add(HttpMethod.POST, MESSAGES, this::send);
        routes.add(HttpMethod.GET, MESSAGES, this::poll);
        routes.add(HttpMethod.GET, MESSAGES + "/flush/:partition_id/:fsync", call -> {
            String fsync = call.path("fsync");
            if (!fsync.equals("true") && !fsync.equals("false")) {
                throw RequestJson.bad("fsync: " + fsync + " (expected: true or false)");
            }
            call.execute(new FlushUnsavedBuffer(
                    call.id("stream_id"),
                    call.id("topic_id"),
                    StreamRoutes.u32Path(call, "partition_id"),
                    Boolean.parseBoolean(fsync)));
            return new HttpResult.Empty(200);
        });
    }

    private HttpResult send(HttpCall call) {
        try (MessagesJson.Batch batch = MessagesJson.parseSend(call.body())) {
            ByteBuffer messages = batch.messages();
            long bytes = messages.remaining();
            call.execute(
                    SendMessages.ofLaidOut(call.id("stream_id"), call.id("topic_id"), batch.partitioning(), messages));
            metrics.messagesIn(call.path("stream_id"), call.path("topic_id"), batch.messagesCount(), bytes);
        }
        return HttpResult.created();
    }

    private HttpResult poll(HttpCall call) {
        var poll = new PollMessages(
                GroupRoutes.consumer(call.query("consumer_id")),
                call.id("stream_id"),
                call.id("topic_id"),
                // Upstream's HTTP poll reads partition 0 when none is given.
                OptionalPartitionId.of(call.queryU32("partition_id", 0)),
                strategy(call),
                call.queryU32("count", 10),
                call.queryBoolean("auto_commit", false));
        Reply reply = call.executeRaw(poll);
        ByteBuf read = null;
        try {
            ByteBuffer header;
            ByteBuffer messages;
            switch (reply) {
                case Reply.Polled polled -> {
                    header = polled.header();
                    try (ReadResult result = polled.messages()) {
                        // Into a pooled array: the renderer base64-encodes straight from it.
                        int size = Math.toIntExact(result.sizeBytes());
                        read = HttpBuffers.POOL.heapBuffer(size);
                        messages = read.nioBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
                        result.copyTo(messages.duplicate());
                    }
                }
                case Reply.Ok ok -> {
                    header = ok.payload();
                    messages = ByteBuffer.allocate(0);
                }
                case Reply.Failed failed -> throw new IllegalStateException("executeRaw let a failure through");
            }
            ByteBuffer headerLe = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            if (headerLe.remaining() > PolledMessages.HEADER_BYTES) {
                // An OK reply carries header and messages in one buffer.
                messages = headerLe.slice(
                        headerLe.position() + PolledMessages.HEADER_BYTES,
                        headerLe.remaining() - PolledMessages.HEADER_BYTES);
            }
            PolledMessages polledHeader =
                    PolledMessages.decode(headerLe.slice(headerLe.position(), PolledMessages.HEADER_BYTES)
                            .order(ByteOrder.LITTLE_ENDIAN));
            ByteBuf json = PollReplyWriter.render(
                    polledHeader.partitionId(), polledHeader.currentOffset(), polledHeader.count(), messages);
            metrics.messagesOut(
                    call.path("stream_id"), call.path("topic_id"), polledHeader.count(), messages.remaining());
            return new HttpResult.JsonBuffer(200, json);
        } finally {
            if (read != null) {
                read.release();
            }
        }
    }

    private static PollingStrategy strategy(HttpCall call) {
        long value = call.queryU64("value", 0);
        String kind = call.query("kind");
        return switch (kind == null ? "offset" : kind) {
            case "offset" -> new PollingStrategy.Offset(value);
            case "timestamp" -> new PollingStrategy.Timestamp(value);
            case "first" -> new PollingStrategy.First();
            case "last" -> new PollingStrategy.Last();
            case "next" -> new PollingStrategy.Next();
            default -> throw RequestJson.bad("kind: " + kind + " (expected: offset, timestamp, first, last or next)");
        };
    }
}
