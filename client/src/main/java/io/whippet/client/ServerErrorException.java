package io.whippet.client;

import io.whippet.protocol.ErrorCode;
import java.util.Optional;

/**
 * The server refused a request with a non-zero status. The raw status is always kept, so a code
 * this client does not know (a newer server) is not lost; {@link #errorCode()} is then {@link
 * ErrorCode#ERROR} and {@link #knownErrorCode()} is empty.
 */
public final class ServerErrorException extends WhippetClientException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String command;

    public ServerErrorException(int status, String command) {
        super(
                ErrorCode.fromCode(status).orElse(ErrorCode.ERROR),
                command + " failed: " + describe(status) + " (status " + Integer.toUnsignedString(status) + ")");
        this.status = status;
        this.command = command;
    }

    /** The status word exactly as the server sent it. */
    public int status() {
        return status;
    }

    /** The command that failed, e.g. {@code CREATE_STREAM}. */
    public String command() {
        return command;
    }

    public Optional<ErrorCode> knownErrorCode() {
        return ErrorCode.fromCode(status);
    }

    /** True for the "not found" family: stream, topic, partition, group, member, offset. */
    public boolean isNotFound() {
        return switch (errorCode()) {
            case RESOURCE_NOT_FOUND,
                    STREAM_ID_NOT_FOUND,
                    STREAM_NAME_NOT_FOUND,
                    TOPIC_ID_NOT_FOUND,
                    TOPIC_NAME_NOT_FOUND,
                    PARTITION_NOT_FOUND,
                    CONSUMER_GROUP_ID_NOT_FOUND,
                    CONSUMER_GROUP_NAME_NOT_FOUND,
                    CONSUMER_GROUP_MEMBER_NOT_FOUND,
                    CONSUMER_OFFSET_NOT_FOUND,
                    CLIENT_NOT_FOUND -> true;
            default -> false;
        };
    }

    /** True when the object to create already exists. */
    public boolean isAlreadyExists() {
        return switch (errorCode()) {
            case STREAM_NAME_ALREADY_EXISTS,
                    TOPIC_NAME_ALREADY_EXISTS,
                    CONSUMER_GROUP_NAME_ALREADY_EXISTS,
                    USER_ALREADY_EXISTS,
                    PERSONAL_ACCESS_TOKEN_ALREADY_EXISTS -> true;
            default -> false;
        };
    }

    private static String describe(int status) {
        return ErrorCode.fromCode(status).map(ErrorCode::snakeName).orElse("unknown error");
    }
}
