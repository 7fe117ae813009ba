package io.whippet.server.http;

import io.netty.buffer.ByteBuf;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.HeaderKind;
import io.whippet.protocol.HeaderValue;
import io.whippet.protocol.MessageLayout;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.UserHeaders;
import io.whippet.protocol.WhippetException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Parses a send body into the binary message area of {@link MessageLayout}: the body is streamed
 * with a parser (batches are megabytes of base64) straight into the area the command appends.
 * Poll replies are rendered by {@link PollReplyWriter}.
 *
 * <pre>
 * send: {"partitioning": {"kind": "balanced"|"partition_id"|"messages_key", "value": base64},
 *        "messages": [{"id": u128 | "decimal" | "uuid hex", "payload": base64, "user_headers": [...]}]}
 * user header: {"key": {"kind": "string", "value": base64}, "value": {"kind": "int32", "value": base64}}
 * </pre>
 */
final class MessagesJson {
    private static final BigInteger U128_LIMIT = BigInteger.ONE.shiftLeft(128);

    private MessagesJson() {}

    /**
     * A parsed send body: the partitioning and the laid-out messages in a pooled direct buffer,
     * which {@link #close} returns to the pool.
     */
    record Batch(Partitioning partitioning, ByteBuf area, int messagesCount) implements AutoCloseable {
        /** The messages, position 0 to limit; valid until {@link #close}. */
        ByteBuffer messages() {
            return area.nioBuffer(area.readerIndex(), area.readableBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void close() {
            area.release();
        }
    }

    static Batch parseSend(byte[] body) {
        // Base64 shrinks by a quarter; the headers add 64 bytes per message. Grows if needed.
        var area = new Area(body.length);
        try (JsonParser parser = Json.parser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw RequestJson.bad("body: not a JSON object (expected: {...})");
            }
            Partitioning partitioning = null;
            boolean messagesSeen = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "partitioning" -> partitioning = partitioning(parser.readValueAsTree());
                    case "messages" -> {
                        if (messagesSeen) {
                            throw RequestJson.bad("body: messages given twice");
                        }
                        messagesSeen = true;
                        messages(parser, body, area);
                    }
                    default ->
                        throw RequestJson.bad("body: unknown field " + name + " (expected: partitioning, messages)");
                }
            }
            if (partitioning == null) {
                throw RequestJson.bad("partitioning: missing (expected: an object)");
            }
            if (area.count == 0) {
                throw new WhippetException(ErrorCode.INVALID_MESSAGES_COUNT, "messages: 0 (expected: >= 1)");
            }
            return new Batch(partitioning, area.buffer, area.count);
        } catch (JacksonException e) {
            area.buffer.release();
            throw RequestJson.bad("body: malformed JSON (" + e.getOriginalMessage() + ")");
        } catch (RuntimeException | Error e) {
            area.buffer.release();
            throw e;
        }
    }

    private static Partitioning partitioning(JsonNode node) {
        if (!node.isObject()) {
            throw RequestJson.bad("partitioning: " + node + " (expected: an object)");
        }
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isString()) {
            throw RequestJson.bad("partitioning.kind: missing (expected: balanced, partition_id or messages_key)");
        }
        JsonNode valueNode = node.get("value");
        byte[] value = valueNode == null || valueNode.isNull() ? new byte[0] : base64("partitioning.value", valueNode);
        return switch (kind.stringValue()) {
            case "balanced" -> Partitioning.balanced();
            case "partition_id" -> {
                if (value.length != 4) {
                    throw RequestJson.bad("partitioning.value: " + value.length + " bytes (expected: 4)");
                }
                yield Partitioning.partitionId(Integer.toUnsignedLong(
                        ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getInt()));
            }
            case "messages_key" -> {
                if (value.length < 1 || value.length > 255) {
                    throw RequestJson.bad("partitioning.value: " + value.length + " bytes (expected: 1..255)");
                }
                yield Partitioning.messagesKey(value);
            }
            default ->
                throw RequestJson.bad("partitioning.kind: " + kind.stringValue()
                        + " (expected: balanced, partition_id or messages_key)");
        };
    }

    private static void messages(JsonParser parser, byte[] body, Area area) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw RequestJson.bad("messages: not an array");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw RequestJson.bad("messages[" + area.count + "]: not an object");
            }
            BigInteger id = null;
            BigInteger headerId = null;
            byte[] payload = null;
            long payloadQuote = -1; // decoded once the parser has skipped it and found what follows
            byte[] headers = new byte[0];
            while (true) {
                JsonToken next = parser.nextToken();
                if (payloadQuote >= 0) {
                    payload = Base64Json.readBefore(
                            body, payloadQuote, parser.currentTokenLocation().getByteOffset(), "payload");
                    payloadQuote = -1;
                }
                if (next != JsonToken.PROPERTY_NAME) {
                    break;
                }
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "id" -> id = id(parser, token);
                    case "header" -> headerId = headerId(parser, token);
                    case "payload" -> {
                        if (token != JsonToken.VALUE_STRING) {
                            throw RequestJson.bad("payload: not a base64 string");
                        }
                        payloadQuote = parser.currentTokenLocation().getByteOffset();
                    }
                    case "user_headers" -> headers = userHeaders(parser, token);
                    default -> parser.skipChildren(); // Java also sends "size": ignored.
                }
            }
            if (payload == null) {
                throw RequestJson.bad("messages[" + area.count + "].payload: missing (expected: base64)");
            }
            if (payload.length == 0) {
                throw new WhippetException(ErrorCode.EMPTY_MESSAGE_PAYLOAD, "payload: 0 bytes (expected: >= 1)");
            }
            if (payload.length > MessageLayout.MAX_PAYLOAD_SIZE) {
                throw new WhippetException(
                        ErrorCode.TOO_BIG_MESSAGE_PAYLOAD,
                        "payload: " + payload.length + " bytes (expected: <= " + MessageLayout.MAX_PAYLOAD_SIZE + ")");
            }
            BigInteger chosen = id != null ? id : headerId != null ? headerId : BigInteger.ZERO;
            area.add(chosen.longValue(), chosen.shiftRight(64).longValue(), payload, headers);
        }
    }

    /**
     * The id inside a poll-shaped {@code "header"} object, which is where the Java 0.8.0 SDK puts a
     * client-chosen id (upstream reads only the top-level {@code "id"} and so gives every Java message
     * a server-generated one). A top-level id wins; every other header field is ignored.
     */
    private static @Nullable BigInteger headerId(JsonParser parser, JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        BigInteger id = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("id")) {
                id = id(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        return id;
    }

    /** A u128 id: a JSON number, a decimal string, or 32 hex digits (a UUID, dashes allowed). */
    private static BigInteger id(JsonParser parser, JsonToken token) {
        BigInteger id;
        if (token == JsonToken.VALUE_NUMBER_INT) {
            id = parser.getBigIntegerValue();
        } else if (token == JsonToken.VALUE_STRING) {
            String text = parser.getString();
            String hex = text.replace("-", "");
            try {
                id = hex.length() == 32 && !text.chars().allMatch(Character::isDigit)
                        ? new BigInteger(hex, 16)
                        : new BigInteger(text);
            } catch (NumberFormatException e) {
                throw RequestJson.bad("id: " + text + " (expected: a u128 number or a UUID)");
            }
        } else if (token == JsonToken.VALUE_NULL) {
            return BigInteger.ZERO;
        } else {
            throw RequestJson.bad("id: not a number or a string");
        }
        if (id.signum() < 0 || id.compareTo(U128_LIMIT) >= 0) {
            throw RequestJson.bad("id: " + id + " (expected: 0..2^128-1)");
        }
        return id;
    }

    private static byte[] userHeaders(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return new byte[0];
        }
        if (token == JsonToken.VALUE_STRING) {
            byte[] blob = Base64Json.read(parser, "user_headers");
            UserHeaders.decode(ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN)); // validates
            return checkHeadersSize(blob);
        }
        JsonNode list = parser.readValueAsTree();
        if (!list.isArray()) {
            throw RequestJson.bad("user_headers: " + list + " (expected: an array)");
        }
        Map<HeaderValue, HeaderValue> headers = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            headers.put(header("user_headers.key", entry.get("key")), header("user_headers.value", entry.get("value")));
        }
        return checkHeadersSize(UserHeaders.encode(headers));
    }

    private static byte[] checkHeadersSize(byte[] blob) {
        if (blob.length > MessageLayout.MAX_USER_HEADERS_SIZE) {
            throw new WhippetException(
                    ErrorCode.TOO_BIG_USER_HEADERS,
                    "user headers: " + blob.length + " bytes (expected: <= " + MessageLayout.MAX_USER_HEADERS_SIZE
                            + ")");
        }
        return blob;
    }

    private static HeaderValue header(String name, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw RequestJson.bad(name + ": missing (expected: {kind, value})");
        }
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isString()) {
            throw RequestJson.bad(name + ".kind: missing (expected: raw, string, bool, int8 ... float64)");
        }
        HeaderKind headerKind;
        try {
            headerKind = HeaderKind.valueOf(kind.stringValue().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestJson.bad(
                    name + ".kind: " + kind.stringValue() + " (expected: raw, string, bool, int8 ... float64)");
        }
        JsonNode value = node.get("value");
        if (value == null) {
            throw RequestJson.bad(name + ".value: missing (expected: base64)");
        }
        try {
            return new HeaderValue(headerKind, base64(name + ".value", value));
        } catch (IllegalArgumentException e) {
            throw new WhippetException(
                    name.endsWith("key") ? ErrorCode.INVALID_HEADER_KEY : ErrorCode.INVALID_HEADER_VALUE,
                    name + ": " + e.getMessage());
        }
    }

    private static byte[] base64(String name, JsonNode node) {
        if (!node.isString()) {
            throw RequestJson.bad(name + ": " + node + " (expected: base64)");
        }
        try {
            return Base64.getDecoder().decode(node.stringValue());
        } catch (IllegalArgumentException e) {
            throw RequestJson.bad(name + ": not base64 (" + e.getMessage() + ")");
        }
    }

    /** The growing message area; ids, lengths and zeroed fields laid out as the server expects. */
    private static final class Area {
        private final ByteBuf buffer;
        private int count;

        Area(int capacity) {
            buffer = HttpBuffers.POOL.directBuffer(Math.max(capacity, 1024), Integer.MAX_VALUE - 16);
        }

        void add(long idLow, long idHigh, byte[] payload, byte[] headers) {
            buffer.writeLongLE(0) // checksum: the server computes it
                    .writeLongLE(idLow)
                    .writeLongLE(idHigh)
                    .writeLongLE(0) // offset
                    .writeLongLE(0) // timestamp
                    .writeLongLE(0) // origin timestamp: HTTP clients give none
                    .writeIntLE(headers.length)
                    .writeIntLE(payload.length)
                    .writeLongLE(0)
                    .writeBytes(payload)
                    .writeBytes(headers);
            count++;
        }
    }
}
