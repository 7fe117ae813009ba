package io.whippet.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Typed table cells that print differently for people and for scripts: a size is "1.20 MB" in a
 * table and a byte count in JSON, a time is local-looking text in a table and ISO-8601 in JSON.
 */
sealed interface Cell {
    DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Bytes, an unsigned 64-bit count. */
    record Bytes(long bytes) implements Cell {}

    /** A point in time in microseconds since the epoch; 0 means "never". */
    record Micros(long micros) implements Cell {}

    /** A duration in microseconds; 0 and u64::MAX have the meanings {@code zero} and {@code max} give them. */
    record Duration(long micros, String zero, String max) implements Cell {}

    /** An unsigned 64-bit number. */
    record Unsigned(long value) implements Cell {}

    /** Text for a table; the JSON value is the raw cell value. */
    static String text(@Nullable Object value) {
        return switch (value) {
            case null -> "";
            case Bytes b -> bytesText(b.bytes());
            case Micros m -> m.micros() == 0 ? "-" : TIME.format(instant(m.micros()));
            case Duration d -> durationText(d);
            case Unsigned u -> Long.toUnsignedString(u.value());
            case Float f -> String.format(Locale.ROOT, "%.2f", f);
            case Double d -> String.format(Locale.ROOT, "%.3f", d);
            default -> value.toString();
        };
    }

    /** The JSON value of a cell: numbers stay numbers, times become ISO-8601 strings. */
    static @Nullable Object json(@Nullable Object value) {
        return switch (value) {
            case null -> null;
            case Bytes b -> unsigned(b.bytes());
            case Micros m -> m.micros() == 0 ? null : instant(m.micros()).toString();
            case Duration d -> unsigned(d.micros());
            case Unsigned u -> unsigned(u.value());
            case PollCommand.HeaderMap h -> h.headers();
            default -> value;
        };
    }

    /** Right-aligned in tables. */
    static boolean numeric(@Nullable Object value) {
        return value instanceof Number || value instanceof Bytes || value instanceof Unsigned;
    }

    private static Object unsigned(long value) {
        return value >= 0 ? (Object) value : new java.math.BigInteger(Long.toUnsignedString(value));
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    static String bytesText(long bytes) {
        if (bytes == -1) {
            return "unlimited";
        }
        if (bytes >= 0 && bytes < 1_000) {
            return bytes + " B";
        }
        double value = bytes >= 0 ? bytes : Double.parseDouble(Long.toUnsignedString(bytes));
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        int unit = 0;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    private static String durationText(Duration d) {
        if (d.micros() == 0) {
            return d.zero();
        }
        if (d.micros() == -1) {
            return d.max();
        }
        return Units.durationText(d.micros());
    }
}
