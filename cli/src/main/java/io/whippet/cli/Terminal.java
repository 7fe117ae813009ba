package io.whippet.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the CLI reads from or writes to outside the JVM: standard streams, the environment
 * and the password prompt. {@link #system()} is the real process; tests build their own. Used by
 * the one thread that runs a command.
 *
 * @param prompt reads a secret without echo, or null when there is no terminal to ask
 * @param interactive whether a person is watching stderr (progress bars are drawn only then)
 */
public record Terminal(
        InputStream in,
        PrintStream out,
        PrintStream err,
        Map<String, String> environment,
        @Nullable PasswordPrompt prompt,
        boolean interactive) {
    public Terminal {
        environment = Map.copyOf(environment);
    }

    /** Reads a secret without echoing it. */
    @FunctionalInterface
    public interface PasswordPrompt {
        char[] readPassword(String prompt);
    }

    /** The process's own streams and environment; a prompt only when a console is attached. */
    public static Terminal system() {
        Console console = System.console();
        PasswordPrompt prompt = null;
        if (console != null) {
            prompt = text -> {
                char[] secret = console.readPassword("%s", text);
                return secret == null ? new char[0] : secret;
            };
        }
        return new Terminal(System.in, System.out, System.err, System.getenv(), prompt, console != null);
    }

    /** An environment variable, or null when unset or empty. */
    public @Nullable String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Where contexts live: {@code $WHIPPET_HOME}, else {@code $HOME/.whippet}, else
     * {@code user.home/.whippet}.
     */
    public Path whippetHome() {
        String explicit = variable("WHIPPET_HOME");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String home = variable("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home", "."), ".whippet");
    }
}
