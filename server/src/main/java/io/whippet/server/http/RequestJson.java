package io.whippet.server.http;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.math.BigInteger;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A request body parsed as a JSON object, with typed field readers. Every bad input (malformed
 * JSON, a missing field, a wrong type, an out-of-range number, an unknown enum value) is error 4
 * ({@code invalid_format}, HTTP 400), raised before any command runs, so nothing is half-applied.
 */
final class RequestJson {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final JsonNode body;

    private RequestJson(JsonNode body) {
        this.body = body;
    }

    static RequestJson parse(byte[] bytes) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw bad("body: malformed JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw bad("body: not a JSON object (expected: {...})");
        }
        return new RequestJson(node);
    }

    JsonNode node() {
        return body;
    }

    /** The field, or null when absent or JSON null. */
    @Nullable
    JsonNode field(String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String string(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw bad(name + ": missing (expected: a string)");
        }
        return value;
    }

    @Nullable
    String optionalString(String name) {
        JsonNode value = field(name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw bad(name + ": " + value + " (expected: a string)");
        }
        return value.stringValue();
    }

    /** An unsigned 64-bit number as its 64 bits (u64::MAX is -1). */
    long u64(String name, long fallback) {
        JsonNode value = field(name);
        return value == null ? fallback : u64(name, value);
    }

    static long u64(String name, JsonNode value) {
        if (!value.isIntegralNumber()) {
            throw bad(name + ": " + value + " (expected: an unsigned integer)");
        }
        BigInteger number = value.bigIntegerValue();
        if (number.signum() < 0 || number.compareTo(U64_MAX) > 0) {
            throw bad(name + ": " + number + " (expected: 0.." + U64_MAX + ")");
        }
        return number.longValue();
    }

    long u32(String name, long fallback) {
        JsonNode value = field(name);
        return value == null ? fallback : u32(name, value);
    }

    long u32(String name) {
        JsonNode value = field(name);
        if (value == null) {
            throw bad(name + ": missing (expected: an unsigned 32-bit integer)");
        }
        return u32(name, value);
    }

    static long u32(String name, JsonNode value) {
        long number = u64(name, value);
        if (number < 0 || number > 0xFFFF_FFFFL) {
            throw bad(name + ": " + value + " (expected: 0..4294967295)");
        }
        return number;
    }

    /** An enum by its snake_case (or PascalCase) name, case-insensitively. */
    <E extends Enum<E>> E enumValue(String name, Class<E> type, String text) {
        String wanted = text.replace("_", "").toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().replace("_", "").equals(wanted)) {
                return constant;
            }
        }
        throw bad(name + ": " + text + " (expected: one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ")");
    }

    static WhippetException bad(String message) {
        return new WhippetException(ErrorCode.INVALID_FORMAT, message);
    }
}
