package io.whippet.cli;

import picocli.CommandLine.Option;

/** The {@code -l/--list-mode table|list} option of list commands (Iggy's list mode). */
final class ListMode {
    @Option(
            names = {"-l", "--list-mode"},
            paramLabel = "table|list",
            description = "table (default) or one line per item")
    OutputFormat mode = OutputFormat.TABLE;
}
