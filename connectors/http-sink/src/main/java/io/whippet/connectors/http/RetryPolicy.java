package io.whippet.connectors.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to retry (spec §10.6): up to {@code maxRetries} retries after the first attempt, retry n
 * waiting {@code min(retryDelay × multiplier^(n-1), maxRetryDelay)}. A {@code Retry-After} header
 * (delta-seconds or an HTTP-date) replaces that wait, capped by {@code maxRetryDelay}; upstream
 * only logs it. Immutable.
 */
record RetryPolicy(int maxRetries, Duration retryDelay, int multiplier, Duration maxRetryDelay) {
    /** The nominal wait before retry {@code retry} (1-based). */
    Duration nominalDelay(int retry) {
        double millis = retryDelay.toMillis() * Math.pow(multiplier, retry - 1);
        return millis >= maxRetryDelay.toMillis() ? maxRetryDelay : Duration.ofMillis((long) millis);
    }

    /** The wait before retry {@code retry}, honouring a {@code Retry-After} value when there is a valid one. */
    Duration delay(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration wanted = retryAfter.get();
            return wanted.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : wanted;
        }
        return nominalDelay(retry);
    }

    /** A {@code Retry-After} value as a wait from {@code now}: seconds, or an HTTP-date (past = 0). */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
