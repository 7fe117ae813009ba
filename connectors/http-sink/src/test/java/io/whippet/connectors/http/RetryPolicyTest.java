package io.whippet.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2, Duration.ofSeconds(5));

    @Test
    void nominalDelayGrowsByTheMultiplierUpToTheCap() {
        assertThat(policy.nominalDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.nominalDelay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.nominalDelay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.nominalDelay(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.nominalDelay(40)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterReplacesTheNominalDelayButNotBeyondTheCap() {
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-22T06:00:00Z");
        assertThat(RetryPolicy.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Sun, 22 Nov 2026 06:00:12 GMT", now))
                .contains(Duration.ofSeconds(12));
        assertThat(RetryPolicy.parseRetryAfter("Sun, 22 Nov 2026 05:00:00 GMT", now))
                .contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
    }
}
