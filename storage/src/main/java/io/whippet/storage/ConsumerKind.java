package io.whippet.storage;

import io.whippet.protocol.Consumer;

/** Whose offset: a single consumer's or a consumer group's. Each kind has its own id space. */
public enum ConsumerKind {
    CONSUMER("consumers"),
    GROUP("groups");

    private final String directoryName;

    ConsumerKind(String directoryName) {
        this.directoryName = directoryName;
    }

    String directoryName() {
        return directoryName;
    }

    public static ConsumerKind of(Consumer.Kind kind) {
        return switch (kind) {
            case CONSUMER -> CONSUMER;
            case CONSUMER_GROUP -> GROUP;
        };
    }
}
