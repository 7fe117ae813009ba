package io.whippet.protocol;

/**
 * The one unchecked exception family of Whippet: every failure that reaches a client carries an
 * {@link ErrorCode}, translated once at the transport edge into a TCP status or an HTTP status.
 */
public class WhippetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public WhippetException(ErrorCode errorCode) {
        this(errorCode, errorCode.reason());
    }

    public WhippetException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public WhippetException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
