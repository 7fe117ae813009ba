package io.whippet.storage;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;

/**
 * A read: where to start and how much to return at most. A read returns whole messages, and at
 * least one when any exists at the start, even if that one is larger than {@code maxBytes}.
 */
public record ReadQuery(ReadStart start, int maxMessages, long maxBytes) {
    public ReadQuery {
        if (maxMessages < 0 || maxBytes < 0) {
            throw new WhippetException(
                    ErrorCode.INVALID_FORMAT,
                    "maxMessages: " + maxMessages + ", maxBytes: " + maxBytes + " (expected: >= 0)");
        }
    }

    public static ReadQuery of(ReadStart start, int maxMessages) {
        return new ReadQuery(start, maxMessages, Long.MAX_VALUE);
    }
}
