package io.whippet.protocol.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated payloads of every command must decode to a command or fail with a {@link
 * WhippetException}: never an {@code IndexOutOfBoundsException}, a {@code BufferUnderflowException},
 * an allocation sized from a bogus length, or a hang. The server turns a WhippetException into an
 * error reply and keeps the connection; anything else would be an internal error.
 *
 * <p>Seeded: a failure names the seed, command and mutated bytes so it can be replayed.
 */
class DecodeFuzzTest {
    private static final int MUTATIONS_PER_COMMAND = 1_500;

    @Test
    void mutatedPayloadsDecodeOrFailWithAnErrorCode() {
        long seed = 0x5eed_f00dL;
        Random random = new Random(seed);
        int decoded = 0;
        int refused = 0;
        for (Command sample : CommandSamples.all()) {
            byte[] valid = bytes(Commands.encodePayload(sample));
            for (int i = 0; i < MUTATIONS_PER_COMMAND; i++) {
                byte[] mutated = mutate(valid, random);
                try {
                    Command command = Commands.decode(
                            sample.code(), ByteBuffer.wrap(mutated).order(ByteOrder.LITTLE_ENDIAN));
                    assertThat(command.code()).isEqualTo(sample.code());
                    decoded++;
                } catch (WhippetException expected) {
                    refused++;
                } catch (RuntimeException | OutOfMemoryError e) {
                    fail("seed %x, %s, payload %s: %s", seed, sample.code(), hex(mutated), e, e);
                }
            }
        }
        // Both outcomes must occur, or the mutations are not reaching the decoders.
        assertThat(decoded).isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    void randomBytesUnderEveryCommandCodeDecodeOrFailWithAnErrorCode() {
        long seed = 0xbadc0deL;
        Random random = new Random(seed);
        for (Command sample : CommandSamples.all()) {
            for (int i = 0; i < 500; i++) {
                byte[] junk = new byte[random.nextInt(64)];
                random.nextBytes(junk);
                try {
                    Commands.decode(sample.code(), ByteBuffer.wrap(junk).order(ByteOrder.LITTLE_ENDIAN));
                } catch (WhippetException expected) {
                    // refused with a code: fine
                } catch (RuntimeException | OutOfMemoryError e) {
                    fail("seed %x, %s, payload %s: %s", seed, sample.code(), hex(junk), e, e);
                }
            }
        }
    }

    /** One of: flip bits, overwrite a byte with an edge value, truncate, extend, or plant a huge u32. */
    private static byte[] mutate(byte[] valid, Random random) {
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
            case 2 -> out = java.util.Arrays.copyOf(out, out.length == 0 ? 0 : random.nextInt(out.length));
            case 3 -> {
                byte[] longer = java.util.Arrays.copyOf(out, out.length + 1 + random.nextInt(16));
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

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
