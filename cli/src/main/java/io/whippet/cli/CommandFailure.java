package io.whippet.cli;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;

/**
 * A request the CLI judged failed from a well-formed reply, e.g. a lookup the server answered with
 * "nothing there". Reported like a server error: {@code error: <name> (code N): <message>}, exit 1.
 */
public final class CommandFailure extends WhippetException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(ErrorCode errorCode, String message) {
        super(errorCode, message);
    }

    public static CommandFailure notFound(String what) {
        return new CommandFailure(ErrorCode.RESOURCE_NOT_FOUND, what + " not found");
    }
}
