package io.whippet.protocol;

/**
 * The type tag of a user-header key or value. Wire codes 1..15; 0 is reserved and, like any other
 * unknown code, is error 3. Numeric kinds are little-endian with their natural width.
 */
public enum HeaderKind {
    RAW(1, -1),
    STRING(2, -1),
    BOOL(3, 1),
    INT8(4, 1),
    INT16(5, 2),
    INT32(6, 4),
    INT64(7, 8),
    INT128(8, 16),
    UINT8(9, 1),
    UINT16(10, 2),
    UINT32(11, 4),
    UINT64(12, 8),
    UINT128(13, 16),
    FLOAT32(14, 4),
    FLOAT64(15, 8);

    private static final HeaderKind[] BY_CODE = new HeaderKind[16];

    static {
        for (HeaderKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;
    private final int widthBytes;

    HeaderKind(int code, int widthBytes) {
        this.code = code;
        this.widthBytes = widthBytes;
    }

    public int code() {
        return code;
    }

    /** The fixed value width in bytes, or -1 for the variable-length kinds (raw, string). */
    public int widthBytes() {
        return widthBytes;
    }

    public static HeaderKind fromCode(int code) {
        HeaderKind kind = code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (kind == null) {
            throw new WhippetException(ErrorCode.INVALID_COMMAND, "header kind: " + code + " (expected: 1..15)");
        }
        return kind;
    }
}
