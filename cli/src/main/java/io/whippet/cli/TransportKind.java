package io.whippet.cli;

import java.util.Locale;

/** The transports {@code --transport} names. Only TCP is built in; see {@link Transports}. */
enum TransportKind {
    TCP,
    HTTP,
    QUIC;

    static TransportKind parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> TCP;
            case "http" -> HTTP;
            case "quic" -> QUIC;
            default -> throw new UsageException("transport: " + text + " (expected: tcp, http or quic)");
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
