package io.whippet.cli;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;

/**
 * The command line itself is wrong (a missing credential, a malformed permission, an unknown
 * context): reported as one line and exit code 2, without contacting the server.
 */
public final class UsageException extends WhippetException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(ErrorCode.INVALID_COMMAND, message);
    }

    public UsageException(String message, Throwable cause) {
        super(ErrorCode.INVALID_COMMAND, message, cause);
    }
}
