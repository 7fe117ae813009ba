package io.whippet.storage;

/** Where a read begins. */
public sealed interface ReadStart {
    /** At this offset, or at the first retained one if it is older. */
    record AtOffset(long offset) implements ReadStart {}

    /** At the first message whose timestamp is at or after this time. */
    record AtTimestamp(long micros) implements ReadStart {}

    /** At the first retained message. */
    record First() implements ReadStart {}

    /** At the last {@code maxMessages} messages. */
    record Last() implements ReadStart {}

    static ReadStart atOffset(long offset) {
        return new AtOffset(offset);
    }

    static ReadStart atTimestamp(long micros) {
        return new AtTimestamp(micros);
    }

    static ReadStart first() {
        return new First();
    }

    static ReadStart last() {
        return new Last();
    }
}
