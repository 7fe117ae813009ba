package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bounds-checked little-endian reads for decoders. Each read consumes bytes at the buffer's
 * position and fails with {@link ErrorCode#INVALID_COMMAND} when fewer bytes remain than the
 * field needs, so a truncated payload never surfaces as a {@code BufferUnderflowException}.
 * Reads are little-endian whatever the buffer's own byte order.
 *
 * <p>The {@code field} argument names what was being read; it only appears in error messages.
 */
public final class Wire {
    private Wire() {}

    /** Fails with error 3 unless {@code size} bytes remain. */
    public static void require(ByteBuffer in, long size, String field) {
        if (in.remaining() < size) {
            throw truncated(in, size, field);
        }
    }

    public static WhippetException truncated(ByteBuffer in, long size, String field) {
        return new WhippetException(
                ErrorCode.INVALID_COMMAND,
                field + ": truncated, " + in.remaining() + " bytes left (expected: " + size + ")");
    }

    public static int u8(ByteBuffer in, String field) {
        require(in, 1, field);
        return in.get() & 0xFF;
    }

    /** A bool byte: any non-zero value is true. */
    public static boolean bool(ByteBuffer in, String field) {
        return u8(in, field) != 0;
    }

    public static int u16(ByteBuffer in, String field) {
        require(in, 2, field);
        short value = in.getShort();
        return (littleEndian(in) ? value : Short.reverseBytes(value)) & 0xFFFF;
    }

    public static long u32(ByteBuffer in, String field) {
        require(in, 4, field);
        int value = in.getInt();
        return Integer.toUnsignedLong(littleEndian(in) ? value : Integer.reverseBytes(value));
    }

    /** A u64, returned as the same 64 bits in a long (compare with {@link Long#compareUnsigned}). */
    public static long u64(ByteBuffer in, String field) {
        require(in, 8, field);
        long value = in.getLong();
        return littleEndian(in) ? value : Long.reverseBytes(value);
    }

    public static float f32(ByteBuffer in, String field) {
        require(in, 4, field);
        int value = in.getInt();
        return Float.intBitsToFloat(littleEndian(in) ? value : Integer.reverseBytes(value));
    }

    public static byte[] bytes(ByteBuffer in, int size, String field) {
        require(in, size, field);
        byte[] bytes = new byte[size];
        in.get(bytes);
        return bytes;
    }

    /** The next {@code size} bytes as a little-endian view sharing the buffer's content. */
    public static ByteBuffer slice(ByteBuffer in, int size, String field) {
        require(in, size, field);
        ByteBuffer slice = in.slice(in.position(), size).order(ByteOrder.LITTLE_ENDIAN);
        in.position(in.position() + size);
        return slice;
    }

    /** Writes the low 32 bits of {@code value}; fails when it does not fit a u32. */
    public static void putU32(ByteBuffer out, long value, String field) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: 0..4294967295)");
        }
        out.putInt((int) value);
    }

    private static boolean littleEndian(ByteBuffer in) {
        return in.order() == ByteOrder.LITTLE_ENDIAN;
    }
}
