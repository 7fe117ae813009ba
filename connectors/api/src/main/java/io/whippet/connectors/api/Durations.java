package io.whippet.connectors.api;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses humantime durations as the connector configs write them: {@code 5ms}, {@code 1s}, {@code 1m 30s}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("\\s*(\\d+)\\s*(ns|us|µs|ms|s|sec|m|min|h|hr|d)?\\s*");

    private Durations() {}

    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw invalid(text);
        }
        Matcher matcher = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int position = 0;
        while (position < trimmed.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw invalid(text);
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
            total = total.plus(
                    switch (unit) {
                        case "ns" -> Duration.ofNanos(amount);
                        case "us", "µs" -> Duration.ofNanos(amount * 1_000);
                        case "ms" -> Duration.ofMillis(amount);
                        case "s", "sec" -> Duration.ofSeconds(amount);
                        case "m", "min" -> Duration.ofMinutes(amount);
                        case "h", "hr" -> Duration.ofHours(amount);
                        case "d" -> Duration.ofDays(amount);
                        default -> throw invalid(text);
                    });
            position = matcher.end();
        }
        return total;
    }

    private static WhippetException invalid(String text) {
        return new WhippetException(
                ErrorCode.INVALID_CONFIGURATION, "duration: " + text + " (expected: e.g. 500ms, 5s, 1m 30s)");
    }
}
