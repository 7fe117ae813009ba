package io.whippet.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints what commands produce, in the chosen {@link OutputFormat}. Data ({@link #table}, {@link
 * #details}, {@link #json}) always goes to stdout; status lines ({@link #info}) go to stdout too
 * but are dropped with {@code --quiet} and in JSON mode, so stdout stays one parseable document.
 * Used by the command's thread.
 */
final class Printer {
    private final PrintStream out;
    private final OutputFormat format;
    private final boolean quiet;
    private @Nullable ObjectMapper mapper;

    Printer(PrintStream out, OutputFormat format, boolean quiet) {
        this.out = out;
        this.format = format;
        this.quiet = quiet;
    }

    OutputFormat format() {
        return format;
    }

    boolean json() {
        return format == OutputFormat.JSON;
    }

    /** A status line for people ("Stream 'orders' created with ID 0."). */
    void info(String line) {
        if (!quiet && format != OutputFormat.JSON) {
            out.println(line);
        }
    }

    /** Rows: a table, {@code key: value} lines, or a JSON array of objects. */
    void table(Table table) {
        table(table, format);
    }

    /** As {@link #table(Table)}, with {@code mode} (a list command's {@code -l}) unless JSON was chosen. */
    void table(Table table, OutputFormat mode) {
        switch (format == OutputFormat.JSON ? OutputFormat.JSON : mode) {
            case TABLE -> out.print(TableRenderer.render(table));
            case LIST -> out.print(TableRenderer.renderList(table));
            case JSON -> json(objects(table));
        }
        out.flush();
    }

    /**
     * One object's properties: a two-column Property/Value table, {@code key: value} lines, or a
     * JSON object.
     */
    void details(Table single) {
        if (single.rows().size() != 1) {
            throw new IllegalArgumentException("details rows: " + single.rows().size() + " (expected: 1)");
        }
        switch (format) {
            case TABLE -> {
                Table properties = Table.of("property", "value");
                List<@Nullable Object> row = single.rows().getFirst();
                for (int i = 0; i < row.size(); i++) {
                    properties.row(Table.header(single.keys().get(i)), Cell.text(row.get(i)));
                }
                out.print(TableRenderer.render(properties));
            }
            case LIST -> out.print(TableRenderer.renderList(single));
            case JSON -> json(objects(single).getFirst());
        }
        out.flush();
    }

    /**
     * One object with a list inside (a stream and its topics): the details, then the list as a
     * table; in JSON one object with the list under {@code listKey}.
     */
    void details(Table single, String listKey, Table list) {
        if (format == OutputFormat.JSON) {
            Map<String, @Nullable Object> object =
                    new LinkedHashMap<>(objects(single).getFirst());
            object.put(listKey, objects(list));
            json(object);
            return;
        }
        details(single);
        if (!list.rows().isEmpty()) {
            table(list);
        }
    }

    /** Any value as pretty JSON (maps, lists, records, numbers, strings). */
    void json(@Nullable Object value) {
        if (mapper == null) {
            mapper = JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build();
        }
        out.println(mapper.writeValueAsString(value));
        out.flush();
    }

    static List<Map<String, @Nullable Object>> objects(Table table) {
        return table.rows().stream().map(row -> object(table.keys(), row)).toList();
    }

    private static Map<String, @Nullable Object> object(List<String> keys, List<@Nullable Object> row) {
        Map<String, @Nullable Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            object.put(keys.get(i), Cell.json(row.get(i)));
        }
        return object;
    }
}
