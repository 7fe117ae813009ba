package io.whippet.server.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A growable little-endian buffer for the metadata log and snapshot encodings. Single-threaded. */
final class ByteWriter {
    private ByteBuffer buffer;

    ByteWriter(int initialCapacity) {
        buffer = ByteBuffer.allocate(initialCapacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void ensure(int more) {
        if (buffer.remaining() < more) {
            int capacity = Math.max(buffer.capacity() * 2, buffer.position() + more);
            ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }

    ByteWriter u8(int value) {
        ensure(1);
        buffer.put((byte) value);
        return this;
    }

    ByteWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    ByteWriter u16(int value) {
        ensure(2);
        buffer.putShort((short) value);
        return this;
    }

    ByteWriter u32(long value) {
        ensure(4);
        buffer.putInt((int) value);
        return this;
    }

    ByteWriter u64(long value) {
        ensure(8);
        buffer.putLong(value);
        return this;
    }

    /** {@code u32 length} + UTF-8 bytes. */
    ByteWriter string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        u32(bytes.length);
        ensure(bytes.length);
        buffer.put(bytes);
        return this;
    }

    int position() {
        return buffer.position();
    }

    /** The bytes written so far, as a new array. */
    byte[] toByteArray() {
        byte[] bytes = new byte[buffer.position()];
        buffer.duplicate().flip().get(bytes);
        return bytes;
    }
}
