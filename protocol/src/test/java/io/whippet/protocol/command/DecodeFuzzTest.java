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
            byte[] valid = PayloadMutations.bytes(Commands.encodePayload(sample));
            for (int i = 0; i < MUTATIONS_PER_COMMAND; i++) {
                byte[] mutated = PayloadMutations.mutate(valid, random);
                try {
                    Command command = Commands.decode(
                            sample.code(), ByteBuffer.wrap(mutated).order(ByteOrder.LITTLE_ENDIAN));
                    assertThat(command.code()).isEqualTo(sample.code());
                    decoded++;
                } catch (WhippetException expected) {
                    refused++;
                } catch (RuntimeException | OutOfMemoryError e) {
                    fail("seed %x, %s, payload %s: %s", seed, sample.code(), PayloadMutations.hex(mutated), e, e);
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
                    fail("seed %x, %s, payload %s: %s", seed, sample.code(), PayloadMutations.hex(junk), e, e);
                }
            }
        }
    }
}
