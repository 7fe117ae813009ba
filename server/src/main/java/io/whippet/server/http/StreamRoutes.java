package io.whippet.server.http;

import io.vertx.core.http.HttpMethod;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.command.CreatePartitions;
import io.whippet.protocol.command.CreateStream;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.DeletePartitions;
import io.whippet.protocol.command.DeleteSegments;
import io.whippet.protocol.command.DeleteStream;
import io.whippet.protocol.command.DeleteTopic;
import io.whippet.protocol.command.GetStream;
import io.whippet.protocol.command.GetStreams;
import io.whippet.protocol.command.GetTopic;
import io.whippet.protocol.command.GetTopics;
import io.whippet.protocol.command.PurgeStream;
import io.whippet.protocol.command.PurgeTopic;
import io.whippet.protocol.command.UpdateStream;
import io.whippet.protocol.command.UpdateTopic;
import io.whippet.protocol.response.Responses;
import io.whippet.protocol.response.StreamDetails;
import io.whippet.protocol.response.StreamInfo;
import io.whippet.protocol.response.TopicDetails;
import io.whippet.protocol.response.TopicInfo;
import io.whippet.server.config.HumanUnits;
import java.nio.ByteBuffer;
import tools.jackson.databind.JsonNode;

/** Streams, topics, partitions and segments (spec sections 4.4 to 4.6). */
final class StreamRoutes {
    private static final String STREAM = "/streams/:stream_id";
    private static final String TOPIC = STREAM + "/topics/:topic_id";

    void register(RouteTable routes) {
        routes.add(
                HttpMethod.GET,
                "/streams",
                call -> HttpResult.json(ResponseJson.renderList(
                        Responses.decodeList(call.execute(new GetStreams()), StreamInfo::decode),
                        ResponseJson::stream)));
        routes.add(HttpMethod.POST, "/streams", call -> {
            var create = new CreateStream(call.json().string("name"));
            return HttpResult.json(
                    ResponseJson.render(StreamDetails.decode(call.execute(create)), ResponseJson::streamDetails));
        });
        routes.add(HttpMethod.GET, STREAM, call -> {
            ByteBuffer payload = call.execute(new GetStream(call.id("stream_id")));
            return payload.hasRemaining()
                    ? HttpResult.json(ResponseJson.render(StreamDetails.decode(payload), ResponseJson::streamDetails))
                    : HttpResult.notFound();
        });
        routes.add(HttpMethod.PUT, STREAM, call -> {
            call.execute(new UpdateStream(call.id("stream_id"), call.json().string("name")));
            return HttpResult.noContent();
        });
        routes.add(HttpMethod.DELETE, STREAM, call -> {
            call.execute(new DeleteStream(call.id("stream_id")));
            return HttpResult.noContent();
        });
        routes.add(HttpMethod.DELETE, STREAM + "/purge", call -> {
            call.execute(new PurgeStream(call.id("stream_id")));
            return HttpResult.noContent();
        });

        routes.add(HttpMethod.GET, STREAM + "/topics", call -> {
            ByteBuffer payload = call.execute(new GetTopics(call.id("stream_id")));
            return HttpResult.json(
                    ResponseJson.renderList(Responses.decodeList(payload, TopicInfo::decode), ResponseJson::topic));
        });
        routes.add(HttpMethod.POST, STREAM + "/topics", StreamRoutes::createTopic);
        routes.add(HttpMethod.GET, TOPIC, call -> {
            ByteBuffer payload = call.execute(new GetTopic(call.id("stream_id"), call.id("topic_id")));
            return payload.hasRemaining()
                    ? HttpResult.json(ResponseJson.render(TopicDetails.decode(payload), ResponseJson::topicDetails))
                    : HttpResult.notFound();
        });
        routes.add(HttpMethod.PUT, TOPIC, StreamRoutes::updateTopic);
        routes.add(HttpMethod.DELETE, TOPIC, call -> {
            call.execute(new DeleteTopic(call.id("stream_id"), call.id("topic_id")));
            return HttpResult.noContent();
        });
        routes.add(HttpMethod.DELETE, TOPIC + "/purge", call -> {
            call.execute(new PurgeTopic(call.id("stream_id"), call.id("topic_id")));
            return HttpResult.noContent();
        });

        routes.add(HttpMethod.POST, TOPIC + "/partitions", call -> {
            long count = call.json().u32("partitions_count");
            call.execute(new CreatePartitions(call.id("stream_id"), call.id("topic_id"), count));
            return HttpResult.created();
        });
        routes.add(HttpMethod.DELETE, TOPIC + "/partitions", call -> {
            long count = call.queryU32("partitions_count", 0);
            call.execute(new DeletePartitions(call.id("stream_id"), call.id("topic_id"), count));
            return HttpResult.noContent();
        });
        routes.add(HttpMethod.DELETE, TOPIC + "/partitions/:partition_id", call -> {
            long partitionId = u32Path(call, "partition_id");
            long count = call.queryU32("segments_count", 0);
            call.execute(new DeleteSegments(call.id("stream_id"), call.id("topic_id"), partitionId, count));
            return HttpResult.noContent();
        });
    }

    static long u32Path(HttpCall call, String name) {
        String text = call.path(name);
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= 0xFFFF_FFFFL) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw RequestJson.bad(name + ": " + text + " (expected: 0..4294967295)");
    }

    private static HttpResult createTopic(HttpCall call) {
        RequestJson body = call.json();
        Identifier streamId = call.id("stream_id");
        var create = new CreateTopic(
                streamId,
                body.u32("partitions_count"),
                compression(body),
                body.u64("message_expiry", 0),
                maxTopicSize(body),
                replicationFactor(body),
                body.string("name"));
        return HttpResult.json(
                ResponseJson.render(TopicDetails.decode(call.execute(create)), ResponseJson::topicDetails));
    }

    private static HttpResult updateTopic(HttpCall call) {
        RequestJson body = call.json();
        var update = new UpdateTopic(
                call.id("stream_id"),
                call.id("topic_id"),
                compression(body),
                body.u64("message_expiry", 0),
                maxTopicSize(body),
                replicationFactor(body),
                body.string("name"));
        call.execute(update);
        return HttpResult.noContent();
    }

    private static CompressionAlgorithm compression(RequestJson body) {
        String text = body.optionalString("compression_algorithm");
        return text == null
                ? CompressionAlgorithm.NONE
                : body.enumValue("compression_algorithm", CompressionAlgorithm.class, text);
    }

    /** A u64, or a size string such as {@code "10 GB"} or {@code "unlimited"} (u64::MAX). */
    private static long maxTopicSize(RequestJson body) {
        JsonNode value = body.field("max_topic_size");
        if (value == null) {
            return 0;
        }
        if (value.isString()) {
            try {
                long size = HumanUnits.parseSizeBytes(value.stringValue());
                return size == HumanUnits.UNLIMITED ? -1 : size;
            } catch (RuntimeException e) {
                throw RequestJson.bad("max_topic_size: " + value + " (expected: bytes or a size like \"10 GB\")");
            }
        }
        return RequestJson.u64("max_topic_size", value);
    }

    private static int replicationFactor(RequestJson body) {
        long factor = body.u32("replication_factor", 1);
        if (factor > 255) {
            throw RequestJson.bad("replication_factor: " + factor + " (expected: 0..255)");
        }
        return (int) factor;
    }
}
