package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * How a send picks its partition. Wire: [kind:1][length:1][value], kinds 1 balanced (length 0),
 * 2 partition id (length 4, u32 LE), 3 messages key (length 1..255, raw bytes hashed with XXH32).
 */
public sealed interface Partitioning {
    static Partitioning balanced() {
        return new Balanced();
    }

    static Partitioning partitionId(long partitionId) {
        return new PartitionId(partitionId);
    }

    static Partitioning messagesKey(byte[] key) {
        return new MessagesKey(key);
    }

    /**
     * Reads {@code [kind:1][length:1][value]}. Every failure is error 3 (InvalidCommand), which is
     * what the server answers for a bad partitioning inside SendMessages.
     */
    static Partitioning decode(ByteBuffer in) {
        int kind = Wire.u8(in, "partitioning kind");
        int length = Wire.u8(in, "partitioning length");
        return switch (kind) {
            case 1 -> {
                expectLength(length, 0, "balanced partitioning length: ", "0");
                yield new Balanced();
            }
            case 2 -> {
                expectLength(length, 4, "partition id length: ", "4");
                yield new PartitionId(Wire.u32(in, "partition id"));
            }
            case 3 -> {
                if (length == 0) {
                    throw new WhippetException(ErrorCode.INVALID_COMMAND, "messages key length: 0 (expected: 1..255)");
                }
                yield new MessagesKey(Wire.bytes(in, length, "messages key"));
            }
            default ->
                throw new WhippetException(
                        ErrorCode.INVALID_COMMAND, "partitioning kind: " + kind + " (expected: 1..3)");
        };
    }

    private static void expectLength(int length, int expected, String what, String expectedText) {
        if (length != expected) {
            throw new WhippetException(ErrorCode.INVALID_COMMAND, what + length + " (expected: " + expectedText + ")");
        }
    }

    /** Bytes on the wire: 2 plus the value length. */
    default int encodedSize() {
        return switch (this) {
            case Balanced b -> 2;
            case PartitionId p -> 6;
            case MessagesKey k -> 2 + k.key.length;
        };
    }

    default void encode(ByteBuffer out) {
        switch (this) {
            case Balanced b -> out.put((byte) 1).put((byte) 0);
            case PartitionId p -> {
                out.put((byte) 2).put((byte) 4);
                Wire.putU32(out, p.partitionId(), "partition id");
            }
            case MessagesKey k -> out.put((byte) 3).put((byte) k.key.length).put(k.key);
        }
    }

    record Balanced() implements Partitioning {}

    record PartitionId(long partitionId) implements Partitioning {}

    /** The key bytes; the partition is {@code XXH32(key, seed 0) mod partitions_count}. */
    record MessagesKey(byte[] key) implements Partitioning {
        public MessagesKey {
            if (key.length < 1 || key.length > 255) {
                throw new WhippetException(
                        ErrorCode.INVALID_FORMAT, "messages key length: " + key.length + " (expected: 1..255)");
            }
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MessagesKey that && Arrays.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "MessagesKey[" + HexFormat.of().formatHex(key) + "]";
        }
    }
}
