package io.whippet.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Draws a {@link Table} for people: every column as wide as its widest cell, numbers
 * right-aligned, text left-aligned, in a plain ASCII frame that survives any terminal and any
 * copy-paste.
 *
 * <pre>
 * +----+--------+--------+
 * | ID | Name   | Topics |
 * +----+--------+--------+
 * | 0  | orders |      2 |
 * +----+--------+--------+
 * </pre>
 */
final class TableRenderer {
    private TableRenderer() {}

    static String render(Table table) {
        List<String> headers = new ArrayList<>();
        for (String key : table.keys()) {
            headers.add(Table.header(key));
        }
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int column = 0; column < headers.size(); column++) {
            widths[column] = headers.get(column).length();
            numeric[column] = !table.rows().isEmpty();
        }
        List<List<String>> cells = new ArrayList<>();
        for (List<@Nullable Object> row : table.rows()) {
            List<String> texts = new ArrayList<>();
            for (int column = 0; column < row.size(); column++) {
                Object value = row.get(column);
                String text = oneLine(Cell.text(value));
                texts.add(text);
                widths[column] = Math.max(widths[column], text.length());
                numeric[column] &= value == null || Cell.numeric(value);
            }
            cells.add(texts);
        }
        StringBuilder out = new StringBuilder();
        String rule = rule(widths);
        out.append(rule);
        line(out, headers, widths, new boolean[widths.length]);
        out.append(rule);
        for (List<String> row : cells) {
            line(out, row, widths, numeric);
        }
        if (!cells.isEmpty()) {
            out.append(rule);
        }
        return out.toString();
    }

    /** One {@code key: value} line per row, for grep and narrow terminals (Iggy's list mode). */
    static String renderList(Table table) {
        StringBuilder out = new StringBuilder();
        for (List<@Nullable Object> row : table.rows()) {
            for (int column = 0; column < row.size(); column++) {
                if (column > 0) {
                    out.append(", ");
                }
                out.append(table.keys().get(column)).append(": ").append(oneLine(Cell.text(row.get(column))));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.append('\n').toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] rightAligned) {
        out.append('|');
        for (int column = 0; column < widths.length; column++) {
            String text = cells.get(column);
            String padding = " ".repeat(widths[column] - text.length());
            out.append(' ');
            if (rightAligned[column]) {
                out.append(padding).append(text);
            } else {
                out.append(text).append(padding);
            }
            out.append(" |");
        }
        out.append('\n');
    }

    /** Control characters would break the frame: show them escaped. */
    private static String oneLine(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (clean == null) {
                    clean = new StringBuilder(text.substring(0, i));
                }
                clean.append(
                        switch (c) {
                            case '\n' -> "\\n";
                            case '\r' -> "\\r";
                            case '\t' -> "\\t";
                            default -> String.format("\\x%02x", (int) c);
                        });
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? text : clean.toString();
    }
}
