package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableRendererTest {
    @Test
    void columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        Table table =
                Table.of("id", "name", "topics_count").row(0L, "orders", 2L).row(12L, "a", 100L);

        assertThat(TableRenderer.render(table)).isEqualTo("""
                        +----+--------+--------------+
                        | ID | Name   | Topics Count |
                        +----+--------+--------------+
                        |  0 | orders |            2 |
                        | 12 | a      |          100 |
                        +----+--------+--------------+
                        """);
    }

    @Test
    void controlCharactersAreEscapedSoTheFrameStaysIntact() {
        Table table = Table.of("payload").row("two\nlines\t!");

        assertThat(TableRenderer.render(table)).contains("| two\\nlines\\t! |");
    }

    @Test
    void listModePrintsOneKeyValueLinePerRow() {
        Table table = Table.of("id", "size").row(1L, new Cell.Bytes(1_500_000)).row(2L, new Cell.Bytes(12));

        assertThat(TableRenderer.renderList(table)).isEqualTo("id: 1, size: 1.50 MB\nid: 2, size: 12 B\n");
    }

    @Test
    void jsonKeepsRawNumbersWhereTablesShowUnits() {
        Table table = Table.of("size", "created_at").row(new Cell.Bytes(1_500_000), new Cell.Micros(1_000_000));

        assertThat(Printer.objects(table).getFirst())
                .containsEntry("size", 1_500_000L)
                .containsEntry("created_at", "1970-01-01T00:00:01Z");
    }
}
