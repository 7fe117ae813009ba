package io.whippet.connectors.http;

import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.TopicMetadata;
import io.whippet.protocol.HeaderKind;
import io.whippet.protocol.HeaderValue;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Message → JSON value (spec §10.4, §10.5): JSON payloads embedded (non-finite floats become null),
 * text as a string, bytes as {@code {"data": base64, "iggy_payload_encoding": "base64"}}; with
 * metadata on, wrapped as {@code {"metadata": {...}, "payload": ...}}. Stateless.
 */
final class JsonBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Names pre-encoded once: the generator copies their bytes instead of checking every char.
    private static final SerializedString METADATA = new SerializedString("metadata");
    private static final SerializedString PAYLOAD = new SerializedString("payload");
    private static final SerializedString ID = new SerializedString("iggy_id");
    private static final SerializedString OFFSET = new SerializedString("iggy_offset");
    private static final SerializedString TIMESTAMP = new SerializedString("iggy_timestamp");
    private static final SerializedString STREAM = new SerializedString("iggy_stream");
    private static final SerializedString TOPIC = new SerializedString("iggy_topic");
    private static final SerializedString PARTITION_ID = new SerializedString("iggy_partition_id");
    private static final SerializedString CHECKSUM = new SerializedString("iggy_checksum");
    private static final SerializedString ORIGIN_TIMESTAMP = new SerializedString("iggy_origin_timestamp");
    private static final SerializedString HEADERS = new SerializedString("iggy_headers");

    private JsonBodies() {}

    /**
     * A message as its JSON value (the envelope, or the bare payload with metadata off), streamed
     * straight to bytes without building a tree. {@code scratch} is reset and reused.
     */
    static byte[] bytes(
            ConsumedMessage message,
            TopicMetadata topic,
            long partitionId,
            HttpSinkConfig config,
            ByteArrayOutputStream scratch) {
        scratch.reset();
        try (JsonGenerator out = HttpSink.MAPPER.createGenerator(scratch)) {
            write(out, message, topic, partitionId, config);
        }
        return scratch.toByteArray();
    }

    /**
     * A whole {@code ndjson} or {@code json_array} body in one pass through one generator (a
     * generator per message costs more than the message). A message that fails to serialise spoils
     * the pass: the exception propagates and the caller builds the body value by value instead,
     * which isolates the message.
     */
    static byte[] batch(
            List<ConsumedMessage> messages,
            TopicMetadata topic,
            long partitionId,
            HttpSinkConfig config,
            BatchMode mode) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(messages.size() * 400 + 16);
        try (JsonGenerator out = HttpSink.MAPPER.createGenerator(body)) {
            if (mode == BatchMode.JSON_ARRAY) {
                out.writeStartArray();
            }
            for (ConsumedMessage message : messages) {
                write(out, message, topic, partitionId, config);
                if (mode == BatchMode.NDJSON) {
                    out.writeRaw('\n');
                }
            }
            if (mode == BatchMode.JSON_ARRAY) {
                out.writeEndArray();
            }
        }
        return body.toByteArray();
    }

    private static void write(
            JsonGenerator out, ConsumedMessage message, TopicMetadata topic, long partitionId, HttpSinkConfig config) {
        if (!config.includeMetadata()) {
            writePayload(out, message.payload());
        } else {
            out.writeStartObject();
            out.writeName(METADATA);
            out.writeStartObject();
            out.writeName(ID);
            char[] id = new char[32]; // ConsumedMessage.idHex() without its three Strings
            hex(id, 0, message.idHigh());
            hex(id, 16, message.idLow());
            out.writeString(id, 0, 32);
            out.writeName(OFFSET);
            out.writeNumber(message.offset());
            out.writeName(TIMESTAMP);
            out.writeNumber(message.timestampMicros());
            out.writeName(STREAM);
            out.writeString(topic.stream());
            out.writeName(TOPIC);
            out.writeString(topic.topic());
            out.writeName(PARTITION_ID);
            out.writeNumber(partitionId);
            if (config.includeChecksum()) {
                out.writeName(CHECKSUM);
                if (message.checksum() >= 0) {
                    out.writeNumber(message.checksum());
                } else {
                    out.writeNumber(new BigInteger(Long.toUnsignedString(message.checksum())));
                }
            }
            if (config.includeOriginTimestamp()) {
                out.writeName(ORIGIN_TIMESTAMP);
                out.writeNumber(message.originTimestampMicros());
            }
            if (!message.headers().isEmpty()) {
                out.writeName(HEADERS);
                out.writeStartObject();
                for (Map.Entry<HeaderValue, HeaderValue> header :
                        message.headers().entrySet()) {
                    out.writeName(headerText(header.getKey()));
                    out.writeTree(header(header.getValue()));
                }
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeName(PAYLOAD);
            writePayload(out, message.payload());
            out.writeEndObject();
        }
    }

    /** {@code value} as 16 lower-case hex digits at {@code at}. */
    private static void hex(char[] out, int at, long value) {
        long rest = value;
        for (int i = at + 15; i >= at; i--) {
            out[i] = Character.forDigit((int) (rest & 0xF), 16);
            rest >>>= 4;
        }
    }

    private static void writePayload(JsonGenerator out, Payload payload) {
        switch (payload) {
            case Payload.Json json -> {
                byte[] source = json.source();
                if (source != null && isCopyable(source)) {
                    out.writeRawValue(new RawJson(source));
                } else {
                    out.writeTree(finite(json.value()));
                }
            }
            case Payload.Text text -> out.writeString(text.text());
            case Payload.Raw raw -> {
                out.writeStartObject();
                out.writeStringProperty("data", Base64.getEncoder().encodeToString(raw.bytes()));
                out.writeStringProperty("iggy_payload_encoding", "base64");
                out.writeEndObject();
            }
        }
    }

    /**
     * Whether parsed JSON text can be copied into a body as it is: no whitespace outside strings
     * (one line in ndjson), and no number that may have overflowed a double when parsed (one with an
     * exponent, or a run of more than 300 digits), since those must become {@code null}. Copied text
     * has the value of the tree, though it may spell numbers and escapes differently from a
     * re-serialisation (and a repeated key stays repeated where the tree kept the last). One pass
     * over the bytes, far cheaper than walking the tree.
     */
    static boolean isCopyable(byte[] json) {
        boolean inString = false;
        int digits = 0;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            if (b >= '0' && b <= '9') {
                if (++digits > 300) {
                    return false;
                }
                continue;
            }
            if ((b == 'e' || b == 'E') && digits > 0) {
                return false;
            }
            if (b != '.') {
                digits = 0;
            }
            if (b == '"') {
                inString = true;
            } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                return false;
            }
        }
        return true;
    }

    /** Raw mode: the payload bytes as they are; JSON re-serialised, text as UTF-8. */
    static byte[] rawBytes(Payload payload) {
        return switch (payload) {
            case Payload.Json json -> HttpSink.MAPPER.writeValueAsBytes(json.value());
            case Payload.Text text -> text.text().getBytes(StandardCharsets.UTF_8);
            case Payload.Raw raw -> raw.bytes();
        };
    }

    /** The node itself when every float is finite (the common case, no copy), else a copy with nulls. */
    private static JsonNode finite(JsonNode node) {
        if (!hasNonFinite(node)) {
            return node;
        }
        return replaceNonFinite(node.deepCopy());
    }

    private static boolean hasNonFinite(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return !Double.isFinite(node.doubleValue());
        }
        if (node.isContainer()) {
            for (JsonNode child : node) {
                if (hasNonFinite(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode replaceNonFinite(JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return NODES.nullNode();
        }
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames().stream().toList()) {
                object.set(name, replaceNonFinite(object.get(name)));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replaceNonFinite(array.get(i)));
            }
        }
        return node;
    }

    private static JsonNode header(HeaderValue value) {
        if (value.kind() == HeaderKind.RAW) {
            return NODES.objectNode()
                    .put("data", Base64.getEncoder().encodeToString(value.value()))
                    .put("iggy_header_encoding", "base64");
        }
        return NODES.stringNode(headerText(value));
    }

    /** A header key or value as text: strings as they are, numbers in decimal, raw bytes as base64. */
    static String headerText(HeaderValue value) {
        return switch (value.kind()) {
            case RAW -> Base64.getEncoder().encodeToString(value.value());
            case STRING -> value.asString();
            case BOOL -> String.valueOf(value.asBool());
            case INT8 -> String.valueOf(value.asInt8());
            case INT16 -> String.valueOf(value.asInt16());
            case INT32 -> String.valueOf(value.asInt32());
            case INT64 -> String.valueOf(value.asInt64());
            case UINT8 -> String.valueOf(value.asUint8());
            case UINT16 -> String.valueOf(value.asUint16());
            case UINT32 -> String.valueOf(value.asUint32());
            case UINT64 -> Long.toUnsignedString(value.asUint64());
            case FLOAT32 -> String.valueOf(value.asFloat32());
            case FLOAT64 -> String.valueOf(value.asFloat64());
            case INT128, UINT128 -> wide(value);
        };
    }

    private static String wide(HeaderValue value) {
        ByteBuffer bytes = ByteBuffer.wrap(value.value()).order(ByteOrder.LITTLE_ENDIAN);
        long low = bytes.getLong();
        long high = bytes.getLong();
        BigInteger number = BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
        if (value.kind() == HeaderKind.UINT128 && number.signum() < 0) {
            number = number.add(BigInteger.ONE.shiftLeft(128));
        }
        return number.toString();
    }
}
