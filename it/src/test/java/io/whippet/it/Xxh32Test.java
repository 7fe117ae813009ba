package io.whippet.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Xxh32Test {
    @Test
    void hashesMatchTheReferenceVectors() {
        assertThat(Xxh32.hash(new byte[0])).isEqualTo(0x02CC5D05L);
        assertThat(Xxh32.hash("a")).isEqualTo(0x550D7456L);
        assertThat(Xxh32.hash("abc")).isEqualTo(0x32D153FFL);
        // 39 bytes: runs the four-lane loop and both tails.
        assertThat(Xxh32.hash("Nobody inspects the spammish repetition")).isEqualTo(0xE2293B2FL);
    }
}
