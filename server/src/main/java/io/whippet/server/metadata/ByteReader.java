package io.whippet.server.metadata;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} wrote. Every read checks the remaining bytes first and every length
 * is bounded by what is left, so a damaged entry fails with error 10002 (CannotReadFile) instead
 * of allocating a huge array or reading past its end.
 */
final class ByteReader {
    private final ByteBuffer buffer;

    ByteReader(byte[] bytes) {
        buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void need(int bytes) {
        if (buffer.remaining() < bytes) {
            throw malformed("bytes needed: " + bytes + " (expected: <= " + buffer.remaining() + " remaining)");
        }
    }

    int u8() {
        need(1);
        return buffer.get() & 0xFF;
    }

    boolean bool() {
        int value = u8();
        if (value > 1) {
            throw malformed("bool: " + value + " (expected: 0 or 1)");
        }
        return value == 1;
    }

    int u16() {
        need(2);
        return buffer.getShort() & 0xFFFF;
    }

    long u32() {
        need(4);
        return buffer.getInt() & 0xFFFF_FFFFL;
    }

    /** A u32 used as a count or size: bounded by the bytes left, each element taking at least one byte. */
    int count() {
        long count = u32();
        if (count > buffer.remaining()) {
            throw malformed("count: " + count + " (expected: <= " + buffer.remaining() + ")");
        }
        return (int) count;
    }

    long u64() {
        need(8);
        return buffer.getLong();
    }

    String string() {
        int length = count();
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    void expectEnd() {
        if (buffer.hasRemaining()) {
            throw malformed("trailing bytes: " + buffer.remaining() + " (expected: 0)");
        }
    }

    private static WhippetException malformed(String message) {
        return new WhippetException(ErrorCode.CANNOT_READ_FILE, "malformed metadata entry: " + message);
    }
}
