package io.whippet.server.config;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Iggy's log level names ({@code RUST_LOG} syntax) as {@link java.util.logging} levels. A
 * directive list such as {@code "warn,server=debug"} is reduced to its first bare level, or to
 * the level of its first directive when it has none: Whippet has one level for the whole server.
 */
public final class LogLevels {
    private LogLevels() {}

    /** The level {@code text} names, or empty when it names none. */
    public static Optional<Level> parse(String text) {
        String chosen = null;
        for (String part : text.split(",")) {
            String directive = part.trim();
            if (directive.isEmpty()) {
                continue;
            }
            int equals = directive.indexOf('=');
            if (equals < 0) {
                chosen = directive;
                break;
            }
            if (chosen == null) {
                chosen = directive.substring(equals + 1).trim();
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                switch (chosen.toLowerCase(Locale.ROOT)) {
                    case "trace" -> Level.FINEST;
                    case "debug" -> Level.FINE;
                    case "info" -> Level.INFO;
                    case "warn", "warning" -> Level.WARNING;
                    case "error" -> Level.SEVERE;
                    case "off", "none" -> Level.OFF;
                    default -> null;
                });
    }
}
