package io.whippet.protocol;

import java.nio.ByteBuffer;

/**
 * Where a poll starts. Wire: [kind:1][value:u64], kinds 1 offset, 2 timestamp (µs), 3 first,
 * 4 last, 5 next; the value is ignored for 3..5.
 */
public sealed interface PollingStrategy {
    int ENCODED_SIZE = 9;

    int kindCode();

    long value();

    record Offset(long value) implements PollingStrategy {
        @Override
        public int kindCode() {
            return 1;
        }
    }

    record Timestamp(long value) implements PollingStrategy {
        @Override
        public int kindCode() {
            return 2;
        }
    }

    record First() implements PollingStrategy {
        @Override
        public int kindCode() {
            return 3;
        }

        @Override
        public long value() {
            return 0;
        }
    }

    record Last() implements PollingStrategy {
        @Override
        public int kindCode() {
            return 4;
        }

        @Override
        public long value() {
            return 0;
        }
    }

    record Next() implements PollingStrategy {
        @Override
        public int kindCode() {
            return 5;
        }

        @Override
        public long value() {
            return 0;
        }
    }

    /** Reads {@code [kind:1][value:u64]}; truncation or an unknown kind is error 3. */
    static PollingStrategy decode(ByteBuffer in) {
        int kind = Wire.u8(in, "polling strategy kind");
        long value = Wire.u64(in, "polling strategy value");
        return of(kind, value);
    }

    default void encode(ByteBuffer out) {
        out.put((byte) kindCode()).putLong(value());
    }

    static PollingStrategy of(int kind, long value) {
        return switch (kind) {
            case 1 -> new Offset(value);
            case 2 -> new Timestamp(value);
            case 3 -> new First();
            case 4 -> new Last();
            case 5 -> new Next();
            default ->
                throw new WhippetException(
                        ErrorCode.INVALID_COMMAND, "polling strategy: " + kind + " (expected: 1..5)");
        };
    }
}
