package io.whippet.protocol.command;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/**
 * Mutations of valid command payloads for fuzzing, shared by the decoder fuzz test here and the
 * server's fuzz test over a real connection (through this module's test jar).
 */
public final class PayloadMutations {
    private PayloadMutations() {}

    /** One of: flip bits, overwrite a byte with an edge value, truncate, extend, or plant a huge u32. */
    public static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid.clone();
        int kind = random.nextInt(6);
        switch (kind) {
            case 0 -> {
                if (out.length > 0) {
                    int at = random.nextInt(out.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                if (out.length > 0) {
                    byte[] edges = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff};
                    out[random.nextInt(out.length)] = edges[random.nextInt(edges.length)];
                }
            }
            case 2 -> out = Arrays.copyOf(out, out.length == 0 ? 0 : random.nextInt(out.length));
            case 3 -> {
                byte[] longer = Arrays.copyOf(out, out.length + 1 + random.nextInt(16));
                for (int i = out.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                out = longer;
            }
            case 4 -> {
                if (out.length >= 4) {
                    int at = random.nextInt(out.length - 3);
                    int[] huge = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x10000, out.length * 2};
                    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(at, huge[random.nextInt(huge.length)]);
                }
            }
            default -> {
                for (int n = 1 + random.nextInt(4); n > 0 && out.length > 0; n--) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return out;
    }

    public static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    public static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
