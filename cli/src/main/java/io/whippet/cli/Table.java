package io.whippet.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Rows of typed cells under snake_case keys: the one shape every command's data takes before it
 * is printed. The keys name JSON fields; table headers are derived from them ({@code created_at}
 * becomes {@code Created At}). Cells keep their types ({@link Cell}) so a table can show "1.2 MB"
 * where JSON shows 1200000. Built and printed by one thread.
 */
final class Table {
    private final List<String> keys;
    private final List<List<@Nullable Object>> rows = new ArrayList<>();

    private Table(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    static Table of(String... keys) {
        return new Table(Arrays.asList(keys));
    }

    /** Adds a row; its cells line up with the keys. */
    Table row(@Nullable Object... cells) {
        if (cells.length != keys.size()) {
            throw new IllegalArgumentException("row cells: " + cells.length + " (expected: " + keys.size() + ")");
        }
        rows.add(Collections.unmodifiableList(Arrays.asList(cells)));
        return this;
    }

    List<String> keys() {
        return keys;
    }

    List<List<@Nullable Object>> rows() {
        return Collections.unmodifiableList(rows);
    }

    static String header(String key) {
        StringBuilder header = new StringBuilder();
        for (String word : key.split("_")) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            if (word.equals("id") || word.equals("ms")) {
                header.append(word.toUpperCase(Locale.ROOT));
            } else if (!word.isEmpty()) {
                header.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return header.toString();
    }
}
