package io.whippet.server.http;

import io.vertx.core.http.HttpMethod;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.command.CreateConsumerGroup;
import io.whippet.protocol.command.DeleteConsumerGroup;
import io.whippet.protocol.command.DeleteConsumerOffset;
import io.whippet.protocol.command.GetConsumerGroup;
import io.whippet.protocol.command.GetConsumerGroups;
import io.whippet.protocol.command.GetConsumerOffset;
import io.whippet.protocol.command.StoreConsumerOffset;
import io.whippet.protocol.response.ConsumerGroupDetails;
import io.whippet.protocol.response.ConsumerGroupInfo;
import io.whippet.protocol.response.ConsumerOffsetInfo;
import io.whippet.protocol.response.Responses;
import java.nio.ByteBuffer;
import tools.jackson.databind.JsonNode;

/**
 * Consumer groups and consumer offsets (spec sections 4.7, 4.8). HTTP has no sessions, so there
 * is no join or leave, and every offset belongs to a plain consumer, never a group.
 */
final class GroupRoutes {
    private static final String TOPIC = "/streams/:stream_id/topics/:topic_id";
    private static final String GROUPS = TOPIC + "/consumer-groups";
    private static final String OFFSETS = TOPIC + "/consumer-offsets";

    void register(RouteTable routes) {
        routes.add(HttpMethod.GET, GROUPS, call -> {
            ByteBuffer payload = call.execute(new GetConsumerGroups(call.id("stream_id"), call.id("topic_id")));
            return HttpResult.json(ResponseJson.renderList(
                    Responses.decodeList(payload, ConsumerGroupInfo::decode), ResponseJson::group));
        });
        routes.add(HttpMethod.POST, GROUPS, call -> {
            var create = new CreateConsumerGroup(
                    call.id("stream_id"), call.id("topic_id"), call.json().string("name"));
            ConsumerGroupDetails details = ConsumerGroupDetails.decode(call.execute(create));
            return new HttpResult.Json(201, ResponseJson.render(details, ResponseJson::groupDetails));
        });
        routes.add(HttpMethod.GET, GROUPS + "/:group_id", call -> {
            ByteBuffer payload =
                    call.execute(new GetConsumerGroup(call.id("stream_id"), call.id("topic_id"), call.id("group_id")));
            return payload.hasRemaining()
                    ? HttpResult.json(
                            ResponseJson.render(ConsumerGroupDetails.decode(payload), ResponseJson::groupDetails))
                    : HttpResult.notFound();
        });
        routes.add(HttpMethod.DELETE, GROUPS + "/:group_id", call -> {
            call.execute(new DeleteConsumerGroup(call.id("stream_id"), call.id("topic_id"), call.id("group_id")));
            return HttpResult.noContent();
        });

        routes.add(HttpMethod.GET, OFFSETS, call -> {
            var get = new GetConsumerOffset(
                    consumer(call.query("consumer_id")),
                    call.id("stream_id"),
                    call.id("topic_id"),
                    queryPartition(call));
            ByteBuffer payload = call.execute(get);
            return payload.hasRemaining()
                    ? HttpResult.json(ResponseJson.render(ConsumerOffsetInfo.decode(payload), ResponseJson::offset))
                    : HttpResult.notFound();
        });
        routes.add(HttpMethod.PUT, OFFSETS, call -> {
            RequestJson body = call.json();
            JsonNode partition = body.field("partition_id");
            var store = new StoreConsumerOffset(
                    consumer(consumerId(body)),
                    call.id("stream_id"),
                    call.id("topic_id"),
                    partition == null
                            ? OptionalPartitionId.absent()
                            : OptionalPartitionId.of(RequestJson.u32("partition_id", partition)),
                    body.u64("offset", 0));
            call.execute(store);
            return HttpResult.noContent();
        });
        routes.add(HttpMethod.DELETE, OFFSETS + "/:consumer_id", call -> {
            var delete = new DeleteConsumerOffset(
                    consumer(call.path("consumer_id")),
                    call.id("stream_id"),
                    call.id("topic_id"),
                    queryPartition(call));
            call.execute(delete);
            return HttpResult.noContent();
        });
    }

    /** A consumer id as text: numeric text is an id, anything else a name; absent is consumer 0. */
    static Consumer consumer(@org.jspecify.annotations.Nullable String text) {
        return Consumer.consumer(
                text == null ? io.whippet.protocol.Identifier.of(0) : HttpCall.identifier("consumer_id", text));
    }

    static OptionalPartitionId queryPartition(HttpCall call) {
        return call.query("partition_id") == null
                ? OptionalPartitionId.absent()
                : OptionalPartitionId.of(call.queryU32("partition_id", 0));
    }

    /** {@code consumer_id} may be a JSON number or a string (Java sends a string). */
    private static String consumerId(RequestJson body) {
        JsonNode value = body.field("consumer_id");
        if (value == null) {
            throw RequestJson.bad("consumer_id: missing (expected: a number or a string)");
        }
        if (value.isString()) {
            return value.stringValue();
        }
        return Long.toString(RequestJson.u32("consumer_id", value));
    }
}
