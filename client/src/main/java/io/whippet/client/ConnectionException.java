package io.whippet.client;

import io.whippet.protocol.ErrorCode;

/**
 * The transport failed: the server could not be reached within the configured retries, or the
 * connection closed while a request was in flight. A request that fails this way may or may not
 * have been applied by the server.
 */
public final class ConnectionException extends WhippetClientException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message) {
        super(ErrorCode.DISCONNECTED, message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(ErrorCode.DISCONNECTED, message, cause);
    }
}
