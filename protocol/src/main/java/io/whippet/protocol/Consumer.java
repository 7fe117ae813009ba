package io.whippet.protocol;

import java.nio.ByteBuffer;

/**
 * Who reads: a single consumer or a consumer group, named by an {@link Identifier}.
 *
 * <pre>[kind:1 (1 consumer, 2 consumer group)][Identifier]</pre>
 */
public record Consumer(Kind kind, Identifier id) {
    public enum Kind {
        CONSUMER(1),
        CONSUMER_GROUP(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Kind fromCode(int code) {
            return switch (code) {
                case 1 -> CONSUMER;
                case 2 -> CONSUMER_GROUP;
                default ->
                    throw new WhippetException(
                            ErrorCode.INVALID_COMMAND, "consumer kind: " + code + " (expected: 1 or 2)");
            };
        }
    }

    public static Consumer consumer(Identifier id) {
        return new Consumer(Kind.CONSUMER, id);
    }

    public static Consumer group(Identifier id) {
        return new Consumer(Kind.CONSUMER_GROUP, id);
    }

    /** Reads {@code [kind:1][Identifier]}; an unknown kind is error 3. */
    public static Consumer decode(ByteBuffer in) {
        Kind kind = Kind.fromCode(Wire.u8(in, "consumer kind"));
        return new Consumer(kind, Identifier.decode(in, "consumer id"));
    }

    public int encodedSize() {
        return 1 + id.encodedSize();
    }

    public void encode(ByteBuffer buffer) {
        buffer.put((byte) kind.code());
        id.encode(buffer);
    }
}
