package io.whippet.cli;

import io.whippet.protocol.Identifier;

/** Command-line identifiers: all digits is a numeric id, anything else a name (as Iggy's CLI reads them). */
final class Ids {
    private Ids() {}

    static Identifier parse(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Identifier.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("id: " + text + " (expected: 0..4294967295 or a name)", e);
            }
        }
        return Identifier.of(text);
    }

    /** "stream 'orders'" or "stream 3", for messages. */
    static String describe(String kind, Identifier id) {
        return switch (id) {
            case Identifier.Numeric numeric -> kind + " " + numeric.id();
            case Identifier.Named named -> kind + " '" + named.name() + "'";
        };
    }
}
