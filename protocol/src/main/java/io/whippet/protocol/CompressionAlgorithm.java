package io.whippet.protocol;

/** A topic's compression setting. Wire values: 1 none, 2 gzip; anything else is error 3. */
public enum CompressionAlgorithm {
    NONE(1),
    GZIP(2);

    private final int code;

    CompressionAlgorithm(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CompressionAlgorithm fromCode(int code) {
        return switch (code) {
            case 1 -> NONE;
            case 2 -> GZIP;
            default ->
                throw new WhippetException(
                        ErrorCode.INVALID_COMMAND, "compression algorithm: " + code + " (expected: 1 or 2)");
        };
    }
}
