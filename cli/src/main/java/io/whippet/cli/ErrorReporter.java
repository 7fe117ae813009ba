package io.whippet.cli;

import io.whippet.client.ConnectionException;
import io.whippet.client.ServerErrorException;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code: 2 for usage (bad flags, bad
 * values, missing credentials), 1 for everything the server or the connection refused. A stack
 * trace follows only with {@code --debug}.
 *
 * <pre>
 * error: stream_name_not_found (code 1010): Stream name not found [get_stream]
 * error: Unknown option: '--bogus' (see 'whippet stream list --help')
 * </pre>
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private final PrintStream err;
    private final RootCommand root;

    ErrorReporter(PrintStream err, RootCommand root) {
        this.err = err;
        this.root = root;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        String command = ex.getCommandLine().getCommandSpec().qualifiedName();
        err.println("error: " + ex.getMessage() + " (see '" + command + " --help')");
        return EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (root.debug()) {
            ex.printStackTrace(err);
        }
        err.println(describe(ex));
        return exitCode(ex);
    }

    static int exitCode(Throwable failure) {
        return switch (failure) {
            case UsageException e -> EXIT_USAGE;
            case IllegalArgumentException e -> EXIT_USAGE;
            default -> EXIT_FAILED;
        };
    }

    /** The one line for a failure. */
    static String describe(Throwable failure) {
        return switch (failure) {
            case ServerErrorException e -> {
                String command = e.command().toLowerCase(Locale.ROOT);
                yield e.knownErrorCode()
                        .map(code -> serverLine(code.snakeName(), e.status(), code.reason() + " [" + command + "]"))
                        .orElseGet(() -> serverLine(
                                "unknown_error",
                                e.status(),
                                "the server answered a status this CLI does not know [" + command + "]"));
            }
            case ConnectionException e -> line(e.errorCode(), connectionMessage(e));
            case UsageException e -> "error: " + e.getMessage();
            case WhippetException e -> line(e.errorCode(), String.valueOf(e.getMessage()));
            case IllegalArgumentException e -> "error: " + e.getMessage();
            case UncheckedIOException e -> "error: " + ioMessage(e);
            default -> "error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage();
        };
    }

    /** "cannot write out.zip: Permission denied" rather than the wrapper's message alone. */
    private static String ioMessage(UncheckedIOException e) {
        Throwable cause = e.getCause();
        String message = String.valueOf(e.getMessage());
        return cause == null || cause.getMessage() == null || message.contains(String.valueOf(cause.getMessage()))
                ? message
                : message + ": " + cause.getMessage();
    }

    private static String line(ErrorCode code, String message) {
        return serverLine(code.snakeName(), Integer.toUnsignedLong(code.code()), message);
    }

    private static String serverLine(String name, long status, String message) {
        return "error: " + name + " (code " + Long.toUnsignedString(status & 0xFFFF_FFFFL) + "): " + message;
    }

    private static String connectionMessage(ConnectionException e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + ": " + cause.getMessage();
        }
        return message;
    }
}
