package io.whippet.cli;

/**
 * How data is printed: an aligned table for people, one line per row ({@code list}, Iggy's list
 * mode, easy to grep), or JSON for scripts.
 */
public enum OutputFormat {
    TABLE,
    LIST,
    JSON
}
