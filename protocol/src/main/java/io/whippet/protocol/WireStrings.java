package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The two string shapes of the protocol.
 *
 * <pre>
 * name8: [len:1][UTF-8:len]   names, tokens, passwords
 * str32: [len:4][UTF-8:len]   login version/context, stats strings, client address
 * </pre>
 *
 * Decoding is strict: malformed UTF-8 is error 3 ({@link ErrorCode#INVALID_COMMAND}), like a
 * truncated field. A name (stream, topic, group, user, PAT name or token) must not be empty
 * (error 4); a password may be, its length rules belong to the handler.
 */
public final class WireStrings {
    private WireStrings() {}

    /** A non-empty name8: empty is error 4. */
    public static String name8(ByteBuffer in, String field) {
        int length = Wire.u8(in, field + " length");
        if (length == 0) {
            throw new WhippetException(ErrorCode.INVALID_FORMAT, field + " length: 0 (expected: 1..255)");
        }
        return utf8(in, length, field);
    }

    /** A name8 that may be empty (passwords). */
    public static String raw8(ByteBuffer in, String field) {
        int length = Wire.u8(in, field + " length");
        return utf8(in, length, field);
    }

    public static String str32(ByteBuffer in, String field) {
        long length = Wire.u32(in, field + " length");
        Wire.require(in, length, field);
        return utf8(in, (int) length, field);
    }

    /** Strict UTF-8 of the next {@code length} bytes. */
    public static String utf8(ByteBuffer in, int length, String field) {
        Wire.require(in, length, field);
        ByteBuffer bytes = in.slice(in.position(), length);
        try {
            String value = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
            in.position(in.position() + length);
            return value;
        } catch (CharacterCodingException e) {
            throw new WhippetException(ErrorCode.INVALID_COMMAND, field + ": not valid UTF-8", e);
        }
    }

    /** Bytes a name8 of this value takes; fails when the UTF-8 form exceeds 255 bytes. */
    public static int name8Size(String value) {
        return 1 + checkedLength8(value);
    }

    public static int str32Size(String value) {
        return 4 + utf8Length(value);
    }

    public static void putName8(ByteBuffer out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        checkLength8(bytes.length);
        out.put((byte) bytes.length).put(bytes);
    }

    public static void putStr32(ByteBuffer out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.putInt(bytes.length).put(bytes);
    }

    /** The UTF-8 byte length of a string, without encoding it. */
    public static int utf8Length(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                // a lone surrogate encodes as '?' (1 byte) with String.getBytes
                length += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return length;
    }

    private static int checkedLength8(String value) {
        int length = utf8Length(value);
        checkLength8(length);
        return length;
    }

    private static void checkLength8(int length) {
        if (length > 255) {
            throw new IllegalArgumentException("string length: " + length + " (expected: 0..255)");
        }
    }
}
