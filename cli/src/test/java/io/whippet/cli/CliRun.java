package io.whippet.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Runs the CLI in-process with captured streams, a chosen stdin, environment and prompt. */
final class CliRun {
    private final Map<String, String> environment = new HashMap<>();
    private String stdin = "";
    private Terminal.@Nullable PasswordPrompt prompt;
    private final List<String> prefix = new ArrayList<>();

    CliRun(Path home) {
        environment.put("HOME", home.toString());
    }

    /** Arguments put before every command line (e.g. the server address). */
    CliRun with(String... arguments) {
        prefix.addAll(List.of(arguments));
        return this;
    }

    CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    CliRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    CliRun prompt(Terminal.PasswordPrompt prompt) {
        this.prompt = prompt;
        return this;
    }

    Result run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                environment,
                prompt,
                false);
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(arguments));
        int exitCode = WhippetCli.run(terminal, all.toArray(String[]::new));
        stdin = "";
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
