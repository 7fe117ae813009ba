package io.whippet.cli;

import io.whippet.protocol.HeaderKind;
import io.whippet.protocol.HeaderValue;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed user headers as typed on the command line and shown by {@code poll -s}: {@code
 * key:kind:value}, several joined by commas or given as repeated {@code -H}. Kinds are Iggy's:
 * {@code raw} (hex), {@code string}, {@code bool}, {@code int8..int128}, {@code uint8..uint128},
 * {@code float32}, {@code float64}. Keys are strings.
 */
final class Headers {
    private Headers() {}

    static Map<HeaderValue, HeaderValue> parse(List<String> specs) {
        Map<HeaderValue, HeaderValue> headers = new LinkedHashMap<>();
        for (String spec : specs) {
            for (String one : spec.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                String[] parts = one.split(":", 3);
                if (parts.length != 3 || parts[0].isEmpty()) {
                    throw new UsageException("header: " + one + " (expected: key:kind:value, e.g. source:string:web)");
                }
                headers.put(HeaderValue.ofString(parts[0]), value(kind(parts[1]), parts[2], one));
            }
        }
        return headers;
    }

    static HeaderKind kind(String text) {
        try {
            return HeaderKind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("header kind: " + text
                    + " (expected: raw, string, bool, int8..int128, uint8..uint128, float32, float64)");
        }
    }

    static HeaderValue value(HeaderKind kind, String text, String whole) {
        try {
            return switch (kind) {
                case RAW -> HeaderValue.ofRaw(HexFormat.of().parseHex(text));
                case STRING -> HeaderValue.ofString(text);
                case BOOL ->
                    switch (text.toLowerCase(Locale.ROOT)) {
                        case "true" -> HeaderValue.ofBool(true);
                        case "false" -> HeaderValue.ofBool(false);
                        default -> throw new IllegalArgumentException("expected true or false");
                    };
                case INT8 -> HeaderValue.ofInt8(Byte.parseByte(text));
                case INT16 -> HeaderValue.ofInt16(Short.parseShort(text));
                case INT32 -> HeaderValue.ofInt32(Integer.parseInt(text));
                case INT64 -> HeaderValue.ofInt64(Long.parseLong(text));
                case INT128 -> wide(kind, new BigInteger(text), true);
                case UINT8 -> HeaderValue.ofUint8(Integer.parseInt(text));
                case UINT16 -> HeaderValue.ofUint16(Integer.parseInt(text));
                case UINT32 -> HeaderValue.ofUint32(Long.parseLong(text));
                case UINT64 -> HeaderValue.ofUint64(Long.parseUnsignedLong(text));
                case UINT128 -> wide(kind, new BigInteger(text), false);
                case FLOAT32 -> HeaderValue.ofFloat32(Float.parseFloat(text));
                case FLOAT64 -> HeaderValue.ofFloat64(Double.parseDouble(text));
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("header value: " + whole + " (" + e.getMessage() + ")", e);
        }
    }

    /** The value as people read it: text, a number, or hex for raw bytes. */
    static String text(HeaderValue value) {
        return switch (value.kind()) {
            case RAW -> HexFormat.of().formatHex(value.value());
            case STRING -> value.asString();
            case BOOL -> Boolean.toString(value.asBool());
            case INT8 -> Byte.toString(value.asInt8());
            case INT16 -> Short.toString(value.asInt16());
            case INT32 -> Integer.toString(value.asInt32());
            case INT64 -> Long.toString(value.asInt64());
            case UINT8 -> Integer.toString(value.asUint8());
            case UINT16 -> Integer.toString(value.asUint16());
            case UINT32 -> Long.toString(value.asUint32());
            case UINT64 -> Long.toUnsignedString(value.asUint64());
            case INT128 -> wideText(value.value(), true);
            case UINT128 -> wideText(value.value(), false);
            case FLOAT32 -> Float.toString(value.asFloat32());
            case FLOAT64 -> Double.toString(value.asFloat64());
        };
    }

    static String kindName(HeaderKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static HeaderValue wide(HeaderKind kind, BigInteger number, boolean signed) {
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(127).negate() : BigInteger.ZERO;
        BigInteger max = signed
                ? BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            throw new IllegalArgumentException("out of range for " + kindName(kind));
        }
        long low = number.longValue();
        long high = number.shiftRight(64).longValue();
        return signed ? HeaderValue.ofInt128(low, high) : HeaderValue.ofUint128(low, high);
    }

    private static String wideText(byte[] littleEndian, boolean signed) {
        ByteBuffer buffer = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
        long low = buffer.getLong();
        long high = buffer.getLong();
        BigInteger number = BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
        if (!signed && number.signum() < 0) {
            number = number.add(BigInteger.ONE.shiftLeft(128));
        }
        return number.toString();
    }
}
