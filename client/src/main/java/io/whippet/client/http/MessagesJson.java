package io.whippet.client.http;

import io.whippet.client.Message;
import io.whippet.protocol.HeaderKind;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.UserHeaders;
import io.whippet.protocol.response.PolledMessages;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Messages in the REST API's JSON (http-api.md 4.9), both ways. Sending writes the documented
 * body; polling reads the JSON reply and lays the messages out exactly as the binary protocol does
 * ({@link MessageLayout}), so a {@link PolledMessages} from HTTP reads like one from TCP.
 *
 * <pre>
 * send: {"partitioning": {"kind": "partition_id", "value": base64(u32 LE)},
 *        "messages": [{"id": u128, "payload": base64, "user_headers": [{"key": {kind, value}, "value": {kind, value}}]}]}
 * poll: {"partition_id", "current_offset", "count",
 *        "messages": [{"header": {checksum, id, offset, timestamp, origin_timestamp, ...}, "payload", "user_headers"}]}
 * </pre>
 */
final class MessagesJson {
    private static final BigInteger U64_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private MessagesJson() {}

    static byte[] sendBody(Partitioning partitioning, List<Message> messages) {
        int estimate = 64;
        for (Message message : messages) {
            estimate += 96 + message.payload().length * 4 / 3;
        }
        var out = new ByteArrayOutputStream(estimate);
        try (JsonGenerator json = HttpJson.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectPropertyStart("partitioning");
            switch (partitioning) {
                case Partitioning.Balanced balanced -> {
                    json.writeStringProperty("kind", "balanced");
                    json.writeStringProperty("value", "");
                }
                case Partitioning.PartitionId id -> {
                    json.writeStringProperty("kind", "partition_id");
                    byte[] value = ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt((int) id.partitionId())
                            .array();
                    json.writeBinaryProperty("value", value);
                }
                case Partitioning.MessagesKey key -> {
                    json.writeStringProperty("kind", "messages_key");
                    json.writeBinaryProperty("value", key.key());
                }
            }
            json.writeEndObject();
            json.writeArrayPropertyStart("messages");
            for (Message message : messages) {
                json.writeStartObject();
                json.writeName("id");
                if (message.idHigh() == 0 && message.idLow() >= 0) {
                    json.writeNumber(message.idLow());
                } else {
                    json.writeNumber(u128(message.idLow(), message.idHigh()));
                }
                json.writeName("payload");
                // The JDK's base64 encoder is vectorised; Jackson's writeBinary is several times slower.
                byte[] encoded = Base64.getEncoder().encode(message.payload());
                json.writeRawUTF8String(encoded, 0, encoded.length);
                if (!message.userHeaders().isEmpty()) {
                    json.writeArrayPropertyStart("user_headers");
                    for (Map.Entry<HeaderValue, HeaderValue> header :
                            message.userHeaders().entrySet()) {
                        json.writeStartObject();
                        json.writeName("key");
                        header(json, header.getKey());
                        json.writeName("value");
                        header(json, header.getValue());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void header(JsonGenerator json, HeaderValue value) {
        json.writeStartObject();
        json.writeStringProperty("kind", value.kind().name().toLowerCase(Locale.ROOT));
        json.writeBinaryProperty("value", value.value());
        json.writeEndObject();
    }

    /** The poll reply with its messages in the binary layout, checksums as the server sent them. */
    static PolledMessages polled(JsonNode node) {
        JsonNode array = JsonReplies.field(node, "messages");
        List<byte[]> payloads = new ArrayList<>(array.size());
        List<byte[]> headerBlobs = new ArrayList<>(array.size());
        int total = 0;
        for (JsonNode message : array) {
            byte[] payload = base64(JsonReplies.string(message, "payload"));
            byte[] headers = userHeaders(message.get("user_headers"));
            payloads.add(payload);
            headerBlobs.add(headers);
            total += MessageLayout.HEADER_SIZE + payload.length + headers.length;
        }
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        int index = 0;
        for (JsonNode message : array) {
            JsonNode header = JsonReplies.field(message, "header");
            BigInteger id = JsonReplies.field(header, "id").bigIntegerValue();
            byte[] payload = payloads.get(index);
            byte[] headers = headerBlobs.get(index);
            out.putLong(JsonReplies.u64(header, "checksum"))
                    .putLong(id.and(U64_MASK).longValue())
                    .putLong(id.shiftRight(64).longValue())
                    .putLong(JsonReplies.u64(header, "offset"))
                    .putLong(JsonReplies.u64(header, "timestamp"))
                    .putLong(JsonReplies.u64(header, "origin_timestamp"))
                    .putInt(headers.length)
                    .putInt(payload.length)
                    .putLong(0)
                    .put(payload)
                    .put(headers);
            index++;
        }
        out.flip();
        return new PolledMessages(
                JsonReplies.u32(node, "partition_id"), JsonReplies.u64(node, "current_offset"), array.size(), out);
    }

    /** The user headers in their binary encoding; the server may send an unparsable blob as base64. */
    private static byte[] userHeaders(JsonNode node) {
        if (node == null || node.isNull()) {
            return new byte[0];
        }
        if (node.isString()) {
            return base64(node.asString());
        }
        if (node.isEmpty()) {
            return new byte[0];
        }
        Map<HeaderValue, HeaderValue> headers = new LinkedHashMap<>();
        for (JsonNode entry : node) {
            headers.put(headerValue(JsonReplies.field(entry, "key")), headerValue(JsonReplies.field(entry, "value")));
        }
        return UserHeaders.encode(headers);
    }

    private static HeaderValue headerValue(JsonNode node) {
        HeaderKind kind = HeaderKind.valueOf(JsonReplies.string(node, "kind").toUpperCase(Locale.ROOT));
        return new HeaderValue(kind, base64(JsonReplies.string(node, "value")));
    }

    private static byte[] base64(String text) {
        return Base64.getDecoder().decode(text);
    }

    private static BigInteger u128(long low, long high) {
        return new BigInteger(Long.toUnsignedString(high)).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(low)));
    }
}
