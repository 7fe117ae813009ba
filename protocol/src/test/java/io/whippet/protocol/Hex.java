package io.whippet.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Test helper: hex strings (spaces allowed, as the spec prints them) to little-endian buffers. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex)).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The remaining bytes of a buffer, without moving it. */
    public static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    public static String hex(ByteBuffer buffer) {
        return HexFormat.of().formatHex(toBytes(buffer));
    }
}
