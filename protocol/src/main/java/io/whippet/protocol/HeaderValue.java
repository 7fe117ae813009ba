package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A typed user-header key or value: a {@link HeaderKind} and 1..255 bytes. Keys and values share
 * this type because on the wire both carry a kind (Java clients always use string keys).
 * Immutable: the bytes are copied in and out.
 */
public record HeaderValue(HeaderKind kind, byte[] value) {
    public static final int MAX_LENGTH = 255;

    public HeaderValue {
        if (value.length < 1 || value.length > MAX_LENGTH) {
            throw new IllegalArgumentException("header length: " + value.length + " (expected: 1..255)");
        }
        if (kind.widthBytes() > 0 && value.length != kind.widthBytes()) {
            throw new IllegalArgumentException(
                    kind + " header length: " + value.length + " (expected: " + kind.widthBytes() + ")");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The length on the wire, without copying. */
    public int length() {
        return value.length;
    }

    public static HeaderValue ofRaw(byte[] bytes) {
        return new HeaderValue(HeaderKind.RAW, bytes);
    }

    public static HeaderValue ofString(String text) {
        return new HeaderValue(HeaderKind.STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    public static HeaderValue ofBool(boolean flag) {
        return new HeaderValue(HeaderKind.BOOL, new byte[] {(byte) (flag ? 1 : 0)});
    }

    public static HeaderValue ofInt8(byte number) {
        return new HeaderValue(HeaderKind.INT8, new byte[] {number});
    }

    public static HeaderValue ofInt16(short number) {
        return fixed(HeaderKind.INT16, 2).putShort(number).done();
    }

    public static HeaderValue ofInt32(int number) {
        return fixed(HeaderKind.INT32, 4).putInt(number).done();
    }

    public static HeaderValue ofInt64(long number) {
        return fixed(HeaderKind.INT64, 8).putLong(number).done();
    }

    /** A signed 128-bit value from its low and high 64 bits. */
    public static HeaderValue ofInt128(long low, long high) {
        return fixed(HeaderKind.INT128, 16).putLong(low).putLong(high).done();
    }

    public static HeaderValue ofUint8(int number) {
        checkRange(number, 0xFF, "uint8");
        return new HeaderValue(HeaderKind.UINT8, new byte[] {(byte) number});
    }

    public static HeaderValue ofUint16(int number) {
        checkRange(number, 0xFFFF, "uint16");
        return fixed(HeaderKind.UINT16, 2).putShort((short) number).done();
    }

    public static HeaderValue ofUint32(long number) {
        checkRange(number, 0xFFFF_FFFFL, "uint32");
        return fixed(HeaderKind.UINT32, 4).putInt((int) number).done();
    }

    /** A u64 given as its 64 bits. */
    public static HeaderValue ofUint64(long bits) {
        return fixed(HeaderKind.UINT64, 8).putLong(bits).done();
    }

    public static HeaderValue ofUint128(long low, long high) {
        return fixed(HeaderKind.UINT128, 16).putLong(low).putLong(high).done();
    }

    public static HeaderValue ofFloat32(float number) {
        return fixed(HeaderKind.FLOAT32, 4).putFloat(number).done();
    }

    public static HeaderValue ofFloat64(double number) {
        return fixed(HeaderKind.FLOAT64, 8).putDouble(number).done();
    }

    public String asString() {
        expect(HeaderKind.STRING);
        return new String(value, StandardCharsets.UTF_8);
    }

    public boolean asBool() {
        expect(HeaderKind.BOOL);
        return value[0] != 0;
    }

    public byte asInt8() {
        expect(HeaderKind.INT8);
        return value[0];
    }

    public short asInt16() {
        expect(HeaderKind.INT16);
        return le().getShort();
    }

    public int asInt32() {
        expect(HeaderKind.INT32);
        return le().getInt();
    }

    public long asInt64() {
        expect(HeaderKind.INT64);
        return le().getLong();
    }

    public int asUint8() {
        expect(HeaderKind.UINT8);
        return value[0] & 0xFF;
    }

    public int asUint16() {
        expect(HeaderKind.UINT16);
        return le().getShort() & 0xFFFF;
    }

    public long asUint32() {
        expect(HeaderKind.UINT32);
        return Integer.toUnsignedLong(le().getInt());
    }

    public long asUint64() {
        expect(HeaderKind.UINT64);
        return le().getLong();
    }

    public float asFloat32() {
        expect(HeaderKind.FLOAT32);
        return le().getFloat();
    }

    public double asFloat64() {
        expect(HeaderKind.FLOAT64);
        return le().getDouble();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderValue that && kind == that.kind && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return kind == HeaderKind.STRING
                ? "STRING:" + asString()
                : kind + ":" + HexFormat.of().formatHex(value);
    }

    private void expect(HeaderKind expected) {
        if (kind != expected) {
            throw new IllegalStateException("header kind: " + kind + " (expected: " + expected + ")");
        }
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkRange(long number, long max, String type) {
        if (number < 0 || number > max) {
            throw new IllegalArgumentException(type + ": " + number + " (expected: 0.." + max + ")");
        }
    }

    private static Fixed fixed(HeaderKind kind, int width) {
        return new Fixed(kind, ByteBuffer.allocate(width).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** A little-endian scratch buffer for the numeric factories. */
    private record Fixed(HeaderKind kind, ByteBuffer bytes) {
        Fixed putShort(short v) {
            bytes.putShort(v);
            return this;
        }

        Fixed putInt(int v) {
            bytes.putInt(v);
            return this;
        }

        Fixed putLong(long v) {
            bytes.putLong(v);
            return this;
        }

        Fixed putFloat(float v) {
            bytes.putFloat(v);
            return this;
        }

        Fixed putDouble(double v) {
            bytes.putDouble(v);
            return this;
        }

        HeaderValue done() {
            return new HeaderValue(kind, bytes.array());
        }
    }
}
