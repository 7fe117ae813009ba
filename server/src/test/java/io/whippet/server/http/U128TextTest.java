package io.whippet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class U128TextTest {
    @Test
    void matchesBigIntegerAtTheEdgesAndForRandomIds() {
        long[][] cases = {{0, 0}, {-1, 0}, {0, 1}, {-1, -1}, {999_999_999, 0}, {1_000_000_000, 7}, {Long.MIN_VALUE, 0}};
        for (long[] c : cases) {
            assertThat(U128Text.of(c[0], c[1])).isEqualTo(reference(c[0], c[1]));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long low = random.nextLong();
            long high = random.nextLong() >>> random.nextInt(64);
            assertThat(U128Text.of(low, high)).as("%d %d", low, high).isEqualTo(reference(low, high));
        }
    }

    private static String reference(long low, long high) {
        return new BigInteger(Long.toUnsignedString(high))
                .shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(low)))
                .toString();
    }
}
