package io.whippet.client.http;

import io.whippet.client.Message;
import io.whippet.protocol.HeaderKind;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.QuotedBase64;
import io.whippet.protocol.UserHeaders;
import io.whippet.protocol.response.PolledMessages;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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

    /**
     * The poll reply with its messages in the binary layout, checksums as the server sent them: the
     * usual shape through {@link PollReplyReader}, every other form (and malformed replies, for
     * their error messages) through Jackson.
     */
    static PolledMessages polled(byte[] body) {
        Optional<PolledMessages> usual = PollReplyReader.read(body);
        return usual.isPresent() ? usual.get() : polledByJackson(body);
    }

    /**
     * Any form of the poll reply, through Jackson's streaming parser: payloads decode straight from
     * the body's bytes into the one output buffer, so a megabyte batch builds no tree or strings.
     */
    static PolledMessages polledByJackson(byte[] body) {
        try (JsonParser parser = HttpJson.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw JsonReplies.malformed("poll reply: not an object");
            }
            long partitionId = -1;
            long currentOffset = 0;
            // The binary form is never longer than the JSON: base64 shrinks, header fields are fixed.
            ByteBuffer out = ByteBuffer.allocate(body.length).order(ByteOrder.LITTLE_ENDIAN);
            int count = -1;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "partition_id" -> partitionId = u64(parser, name);
                    case "current_offset" -> currentOffset = u64(parser, name);
                    case "messages" -> count = messages(parser, body, out);
                    default -> parser.skipChildren();
                }
            }
            if (partitionId < 0 || count < 0) {
                throw JsonReplies.malformed("poll reply: partition_id or messages missing");
            }
            out.flip();
            return new PolledMessages(partitionId, currentOffset, count, out);
        } catch (JacksonException e) {
            throw JsonReplies.malformed("poll reply: " + e.getOriginalMessage());
        }
    }

    private static int messages(JsonParser parser, byte[] body, ByteBuffer out) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw JsonReplies.malformed("messages: not an array");
        }
        int count = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            long[] header = new long[6];
            byte[] payload = null;
            long payloadQuote = -1; // decoded once the parser has skipped it and found what follows
            byte[] headers = new byte[0];
            while (true) {
                JsonToken next = parser.nextToken();
                if (payloadQuote >= 0) {
                    payload = payload(
                            body, payloadQuote, parser.currentTokenLocation().getByteOffset());
                    payloadQuote = -1;
                }
                if (next != JsonToken.PROPERTY_NAME) {
                    break;
                }
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "header" -> header(parser, header);
                    case "payload" -> payloadQuote = payloadQuote(parser);
                    case "user_headers" -> headers = userHeaders(parser);
                    default -> parser.skipChildren();
                }
            }
            if (payload == null) {
                throw JsonReplies.malformed("messages[" + count + "].payload: missing");
            }
            if (out.remaining() < MessageLayout.HEADER_SIZE + payload.length + headers.length) {
                throw JsonReplies.malformed("messages[" + count + "]: longer than the reply");
            }
            layOut(out, header, payload, headers);
            count++;
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw JsonReplies.malformed("messages[" + count + "]: not an object");
        }
        return count;
    }

    /**
     * One message in the binary layout; {@code header} holds checksum, id low, id high, offset,
     * timestamp and origin timestamp.
     */
    static void layOut(ByteBuffer out, long[] header, byte[] payload, byte[] headers) {
        out.putLong(header[0]) // checksum
                .putLong(header[1]) // id, low half
                .putLong(header[2]) // id, high half
                .putLong(header[3]) // offset
                .putLong(header[4]) // timestamp
                .putLong(header[5]) // origin timestamp
                .putInt(headers.length)
                .putInt(payload.length)
                .putLong(0)
                .put(payload)
                .put(headers);
    }

    /** The header fields into {@code values}: checksum, id low, id high, offset, timestamp, origin timestamp. */
    private static void header(JsonParser parser, long[] values) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw JsonReplies.malformed("header: not an object");
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "checksum" -> values[0] = u64(parser, name);
                case "id" -> {
                    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        values[1] = parser.getLongValue();
                        values[2] = 0;
                    } else {
                        BigInteger id = parser.getBigIntegerValue();
                        values[1] = id.and(U64_MASK).longValue();
                        values[2] = id.shiftRight(64).longValue();
                    }
                }
                case "offset" -> values[3] = u64(parser, name);
                case "timestamp" -> values[4] = u64(parser, name);
                case "origin_timestamp" -> values[5] = u64(parser, name);
                default -> parser.skipChildren();
            }
        }
    }

    /** A u64, which JSON writes in full: values past {@code Long.MAX_VALUE} keep their bits. */
    private static long u64(JsonParser parser, String name) {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw JsonReplies.malformed(name + ": not an integer");
        }
        if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        // Past Long.MAX_VALUE (half of all checksums): straight from the digits, no BigInteger.
        try {
            return Long.parseUnsignedLong(parser.getString());
        } catch (NumberFormatException e) {
            throw JsonReplies.malformed(name + ": " + parser.getString() + " (expected: a u64)");
        }
    }

    private static long payloadQuote(JsonParser parser) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw JsonReplies.malformed("payload: not a base64 string");
        }
        return parser.currentTokenLocation().getByteOffset();
    }

    /** The payload string at {@code quoteOffset}, which the parser has skipped (see {@link QuotedBase64#decodeBefore}). */
    private static byte[] payload(byte[] body, long quoteOffset, long nextTokenOffset) {
        return QuotedBase64.decodeBefore(body, quoteOffset, nextTokenOffset).orElseGet(() -> {
            try (JsonParser alone =
                    HttpJson.MAPPER.createParser(body, (int) quoteOffset, body.length - (int) quoteOffset)) {
                alone.nextToken();
                return base64(alone.getString());
            }
        });
    }

    /**
     * The user headers in their binary encoding; the server may send an unparsable blob as base64.
     * Streams the list, so the usual empty one costs two tokens rather than a tree.
     */
    private static byte[] userHeaders(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return new byte[0];
        }
        if (token == JsonToken.VALUE_STRING) {
            return base64(parser.getString());
        }
        if (token != JsonToken.START_ARRAY) {
            throw JsonReplies.malformed("user_headers: not an array or a base64 string");
        }
        Map<HeaderValue, HeaderValue> headers = new LinkedHashMap<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode entry = parser.readValueAsTree();
            headers.put(headerValue(JsonReplies.field(entry, "key")), headerValue(JsonReplies.field(entry, "value")));
        }
        return headers.isEmpty() ? new byte[0] : UserHeaders.encode(headers);
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
