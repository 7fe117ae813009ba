package io.whippet.cli;

import io.whippet.protocol.Identifier;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The entry point of the {@code whippet} management commands ({@code bin/whippet} sends every first
 * argument other than {@code server}, {@code bench} and {@code connect} here).
 */
public final class WhippetCli {
    private WhippetCli() {}

    public static void main(String[] args) {
        int exitCode = run(Terminal.system(), args);
        System.out.flush();
        System.exit(exitCode);
    }

    /** Runs one command line against {@code terminal}; returns the exit code (0, 1 or 2). */
    public static int run(Terminal terminal, String... args) {
        return commandLine(terminal).execute(args);
    }

    static CommandLine commandLine(Terminal terminal) {
        RootCommand root = new RootCommand(terminal);
        CommandLine commandLine = new CommandLine(root);
        commandLine.registerConverter(Identifier.class, Ids::parse);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(terminal.out(), true));
        commandLine.setErr(new PrintWriter(terminal.err(), true));
        ErrorReporter reporter = new ErrorReporter(terminal.err(), root);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        return commandLine;
    }
}
