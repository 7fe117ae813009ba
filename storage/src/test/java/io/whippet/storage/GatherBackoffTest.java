package io.whippet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatherBackoffTest {
    @Test
    void gathersEveryTimeWhileWaitsBringAppends() {
        GatherBackoff backoff = new GatherBackoff(true);

        for (int i = 0; i < 10; i++) {
            assertThat(backoff.tryNow()).isTrue();
            backoff.done(true);
        }
    }

    @Test
    void afterFruitlessWaitsItSkipsTwiceAsManyGroupsEachTimeUpToTheCap() {
        GatherBackoff backoff = new GatherBackoff(true);
        int[] expectedSkips = {1, 2, 4, 8, 16, 32, 64, 64};

        for (int skips : expectedSkips) {
            assertThat(backoff.tryNow()).isTrue();
            backoff.done(false);
            for (int i = 0; i < skips; i++) {
                assertThat(backoff.tryNow()).as("skip %d of %d", i + 1, skips).isFalse();
            }
        }
        assertThat(backoff.tryNow()).isTrue();
        backoff.done(true);
        assertThat(backoff.tryNow()).as("a fruitful wait resets the back-off").isTrue();
    }

    @Test
    void disabledNeverGathers() {
        assertThat(new GatherBackoff(false).tryNow()).isFalse();
    }
}
