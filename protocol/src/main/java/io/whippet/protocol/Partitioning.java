package io.whippet.protocol;

/**
 * How a send picks its partition. Wire: [kind:1][length:1][value], kinds 1 balanced (length 0),
 * 2 partition id (length 4, u32 LE), 3 messages key (length 1..255, raw bytes hashed with XXH32).
 */
public sealed interface Partitioning {
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
            return other instanceof MessagesKey that && java.util.Arrays.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "MessagesKey[" + java.util.HexFormat.of().formatHex(key) + "]";
        }
    }
}
