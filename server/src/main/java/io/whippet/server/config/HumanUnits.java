package io.whippet.server.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human units Iggy's config uses: sizes such as {@code "1 GiB"}, {@code "2 MB"},
 * {@code "512"} (bytes) or {@code "unlimited"}, and durations such as {@code "500 ms"},
 * {@code "5 s"}, {@code "1 m 30 s"} or {@code "none"}.
 */
public final class HumanUnits {
    /** What "unlimited" sizes and "none" durations become. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)\\s*([a-zA-Zµ]+)");

    private HumanUnits() {}

    /** Bytes in {@code text}, or {@link #UNLIMITED}; throws IllegalArgumentException when malformed. */
    public static long parseSizeBytes(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("unlimited") || trimmed.equalsIgnoreCase("none")) {
            return UNLIMITED;
        }
        Matcher matcher = SIZE.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size (expected e.g. \"1 GiB\", \"2 MB\", \"unlimited\")");
        }
        double number = Double.parseDouble(matcher.group(1));
        long multiplier = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "kb", "k" -> 1_000L;
            case "mb", "m" -> 1_000_000L;
            case "gb", "g" -> 1_000_000_000L;
            case "tb", "t" -> 1_000_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default ->
                throw new IllegalArgumentException(
                        "'" + text + "' has an unknown size unit (expected: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
        };
        double bytes = number * multiplier;
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return (long) bytes;
    }

    /** Microseconds in {@code text}, or {@link #UNLIMITED} for "none"/"unlimited". */
    public static long parseDurationMicros(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("none")
                || trimmed.equalsIgnoreCase("unlimited")
                || trimmed.equalsIgnoreCase("never")) {
            return UNLIMITED;
        }
        if (trimmed.equals("0")) {
            return 0;
        }
        Matcher matcher = DURATION_PART.matcher(trimmed);
        long total = 0;
        int end = 0;
        while (matcher.find()) {
            if (!trimmed.substring(end, matcher.start()).isBlank()) {
                break;
            }
            long number = Long.parseLong(matcher.group(1));
            long unitMicros = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                case "us", "µs", "usec" -> 1L;
                case "ms", "msec" -> 1_000L;
                case "s", "sec", "secs", "second", "seconds" -> 1_000_000L;
                case "m", "min", "mins", "minute", "minutes" -> 60_000_000L;
                case "h", "hr", "hour", "hours" -> 3_600_000_000L;
                case "d", "day", "days" -> 86_400_000_000L;
                default ->
                    throw new IllegalArgumentException(
                            "'" + text + "' has an unknown time unit (expected: us, ms, s, m, h, d)");
            };
            total = Math.addExact(total, Math.multiplyExact(number, unitMicros));
            end = matcher.end();
        }
        if (end == 0 || end != trimmed.length()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (expected e.g. \"500 ms\", \"5 s\", \"1 m\", \"none\")");
        }
        return total;
    }
}
