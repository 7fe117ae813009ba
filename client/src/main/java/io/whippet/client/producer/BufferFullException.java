package io.whippet.client.producer;

import io.whippet.client.WhippetClientException;
import io.whippet.protocol.ErrorCode;

/** The producer's buffer had no room for a message under the configured {@link Backpressure}. */
public final class BufferFullException extends WhippetClientException {
    private static final long serialVersionUID = 1L;

    public BufferFullException(String message) {
        super(ErrorCode.ERROR, message);
    }
}
