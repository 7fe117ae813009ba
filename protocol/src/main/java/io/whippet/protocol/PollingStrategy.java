package io.whippet.protocol;

/**
 * Where a poll starts. Wire: [kind:1][value:u64], kinds 1 offset, 2 timestamp (µs), 3 first,
 * 4 last, 5 next; the value is ignored for 3..5.
 */
public sealed interface PollingStrategy {
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
