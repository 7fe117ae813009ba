package io.whippet.cli;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the sizes and durations people type: {@code 1GB}, {@code 512 KiB}, {@code 1h
 * 30m}, {@code 7days}. Topic settings also take {@code server_default} (wire 0) and {@code
 * unlimited}/{@code none} (wire u64::MAX), as Iggy's CLI does.
 */
final class Units {
    /** The wire value meaning "use the server's default". */
    static final long SERVER_DEFAULT = 0;
    /** The wire value (u64::MAX) meaning "never expires" or "no size limit". */
    static final long UNLIMITED = -1;

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*([a-zA-Zµ]+)");

    private Units() {}

    /** {@code 1000}, {@code 10KB}, {@code 1.5 GiB}, {@code unlimited}, {@code server_default}: bytes. */
    static long sizeBytes(String text) {
        String value = text.trim();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "unlimited", "none" -> {
                return UNLIMITED;
            }
            case "server_default", "default" -> {
                return SERVER_DEFAULT;
            }
            default -> {}
        }
        Matcher matcher = SIZE.matcher(value);
        if (!matcher.matches()) {
            throw sizeError(text);
        }
        long multiplier = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "kb", "k" -> 1_000;
            case "mb", "m" -> 1_000_000;
            case "gb", "g" -> 1_000_000_000;
            case "tb", "t" -> 1_000_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> throw sizeError(text);
        };
        return new BigDecimal(matcher.group(1))
                .multiply(BigDecimal.valueOf(multiplier))
                .longValueExact();
    }

    /**
     * {@code 1h 30m}, {@code 7days}, {@code 500ms}, {@code none}/{@code unlimited}/{@code never},
     * {@code server_default}: microseconds. Several parts add up, as in Iggy's expiry arguments.
     */
    static long durationMicros(List<String> parts) {
        String joined = String.join(" ", parts).trim();
        switch (joined.toLowerCase(Locale.ROOT)) {
            case "none", "unlimited", "never", "never_expire" -> {
                return UNLIMITED;
            }
            case "server_default", "default", "" -> {
                return SERVER_DEFAULT;
            }
            default -> {}
        }
        Matcher matcher = DURATION_PART.matcher(joined);
        long total = 0;
        int end = 0;
        while (matcher.find()) {
            if (!joined.substring(end, matcher.start()).isBlank()) {
                throw durationError(joined);
            }
            long amount = Long.parseLong(matcher.group(1));
            total = Math.addExact(total, Math.multiplyExact(amount, unitMicros(matcher.group(2), joined)));
            end = matcher.end();
        }
        if (end == 0 || !joined.substring(end).isBlank()) {
            throw durationError(joined);
        }
        return total;
    }

    /** The largest units that divide evenly: {@code 1h 30m}, {@code 250ms}. */
    static String durationText(long micros) {
        if (micros < 0) {
            return Long.toUnsignedString(micros) + "us";
        }
        long[] sizes = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms", "us"};
        StringBuilder text = new StringBuilder();
        long rest = micros;
        for (int i = 0; i < sizes.length && rest > 0; i++) {
            long amount = rest / sizes[i];
            if (amount > 0) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(amount).append(names[i]);
                rest -= amount * sizes[i];
            }
        }
        return text.isEmpty() ? "0s" : text.toString();
    }

    private static long unitMicros(String unit, String whole) {
        return switch (unit) {
            case "us", "µs", "usec", "micros" -> 1L;
            case "ms", "msec", "millis" -> 1_000L;
            case "s", "sec", "secs", "second", "seconds" -> 1_000_000L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000_000L;
            case "d", "day", "days" -> 86_400_000_000L;
            case "w", "week", "weeks" -> 7 * 86_400_000_000L;
            case "M", "month", "months" -> 2_630_016_000_000L; // 30.44 days, as humantime counts a month
            case "y", "year", "years" -> 31_557_600_000_000L; // 365.25 days
            default -> throw durationError(whole);
        };
    }

    private static IllegalArgumentException sizeError(String text) {
        return new IllegalArgumentException(
                "size: " + text + " (expected: e.g. 1000, 10KB, 1.5GiB, unlimited, server_default)");
    }

    private static IllegalArgumentException durationError(String text) {
        return new IllegalArgumentException(
                "duration: " + text + " (expected: e.g. 1h 30m, 7days, 500ms, none, server_default)");
    }
}
