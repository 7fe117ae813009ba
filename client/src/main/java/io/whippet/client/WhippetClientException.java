package io.whippet.client;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;

/**
 * Base of every failure the client raises. {@link ServerErrorException} is a status the server
 * answered with; {@link ConnectionException} is a transport failure (cannot connect, connection
 * lost while a request was in flight).
 */
public class WhippetClientException extends WhippetException {
    private static final long serialVersionUID = 1L;

    public WhippetClientException(ErrorCode errorCode, String message) {
        super(errorCode, message);
    }

    public WhippetClientException(ErrorCode errorCode, String message, Throwable cause) {
        super(errorCode, message, cause);
    }
}
