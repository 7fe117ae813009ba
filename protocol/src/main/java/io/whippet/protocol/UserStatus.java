package io.whippet.protocol;

/** Whether a user may log in. Wire values: 1 active, 2 inactive. */
public enum UserStatus {
    ACTIVE(1),
    INACTIVE(2);

    private final int code;

    UserStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status for a wire value; anything but 1 or 2 is error 3 (InvalidCommand). */
    public static UserStatus fromCode(int code) {
        return switch (code) {
            case 1 -> ACTIVE;
            case 2 -> INACTIVE;
            default ->
                throw new WhippetException(ErrorCode.INVALID_COMMAND, "user status: " + code + " (expected: 1 or 2)");
        };
    }
}
