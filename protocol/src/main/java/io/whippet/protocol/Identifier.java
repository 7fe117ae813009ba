package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A stream, topic, user or consumer-group reference: a numeric id or a name.
 *
 * <pre>
 * [kind:1 (1 numeric, 2 string)][length:1][value: u32 LE when numeric (length 4), UTF-8 name (1..255)]
 * </pre>
 */
public sealed interface Identifier permits Identifier.Numeric, Identifier.Named {
    byte KIND_NUMERIC = 1;
    byte KIND_STRING = 2;

    static Identifier of(long id) {
        return new Numeric(id);
    }

    static Identifier of(String name) {
        return new Named(name);
    }

    /**
     * Reads an identifier at the buffer's position. Truncation, an unknown kind or bad UTF-8 is
     * error 3; a numeric length other than 4 or an empty name is error 4.
     */
    static Identifier decode(ByteBuffer in) {
        return decode(in, "identifier");
    }

    /** As {@link #decode(ByteBuffer)}, naming the field in error messages. */
    static Identifier decode(ByteBuffer in, String field) {
        int kind = Wire.u8(in, field + " kind");
        int length = Wire.u8(in, field + " length");
        return switch (kind) {
            case KIND_NUMERIC -> {
                if (length != 4) {
                    throw new WhippetException(
                            ErrorCode.INVALID_FORMAT, field + " numeric length: " + length + " (expected: 4)");
                }
                yield new Numeric(Wire.u32(in, field));
            }
            case KIND_STRING -> {
                if (length == 0) {
                    throw new WhippetException(ErrorCode.INVALID_FORMAT, field + " name length: 0 (expected: 1..255)");
                }
                yield new Named(WireStrings.utf8(in, length, field));
            }
            default ->
                throw new WhippetException(ErrorCode.INVALID_COMMAND, field + " kind: " + kind + " (expected: 1 or 2)");
        };
    }

    /** Bytes this identifier takes on the wire. */
    int encodedSize();

    /** Writes the identifier at the buffer's position (little-endian buffer expected). */
    void encode(ByteBuffer buffer);

    /** A numeric id, an unsigned 32-bit value held in a long. */
    record Numeric(long id) implements Identifier {
        public Numeric {
            if (id < 0 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("id: " + id + " (expected: 0..4294967295)");
            }
        }

        @Override
        public int encodedSize() {
            return 6;
        }

        @Override
        public void encode(ByteBuffer buffer) {
            buffer.put(KIND_NUMERIC).put((byte) 4).putInt((int) id);
        }

        @Override
        public String toString() {
            return Long.toString(id);
        }
    }

    /** A name: 1..255 bytes of UTF-8. */
    record Named(String name) implements Identifier {
        public Named {
            int length = name.getBytes(StandardCharsets.UTF_8).length;
            if (length < 1 || length > 255) {
                throw new IllegalArgumentException("name length: " + length + " (expected: 1..255)");
            }
        }

        @Override
        public int encodedSize() {
            return 2 + name.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public void encode(ByteBuffer buffer) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            buffer.put(KIND_STRING).put((byte) bytes.length).put(bytes);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
