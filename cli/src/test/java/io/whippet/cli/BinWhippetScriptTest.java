package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.testing.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/whippet} script as a separate process against a running server, with
 * {@code WHIPPET_NO_BUILD=1} so it runs from this build's target/classes instead of calling Maven.
 */
@Timeout(120)
class BinWhippetScriptTest {
    private static EmbeddedServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer(@TempDir Path data) {
        server = EmbeddedServer.start(data);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Path script() {
        // Surefire runs in the module directory; the script sits at the checkout root.
        Path script = Path.of("").toAbsolutePath().resolve("../bin/whippet").normalize();
        assertThat(script).as("the checkout's bin/whippet").isExecutable();
        return script;
    }

    private Outcome run(String stdin, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(script().toString(), "--tcp-server-address", server.host() + ":" + server.tcpPort()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("WHIPPET_NO_BUILD", "1");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("IGGY_USERNAME");
        builder.environment().remove("IGGY_PASSWORD");
        builder.redirectOutput(home.resolve("out.txt").toFile());
        builder.redirectError(home.resolve("err.txt").toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/whippet did not finish: " + command);
        }
        return new Outcome(
                process.exitValue(),
                Files.readString(home.resolve("out.txt")),
                Files.readString(home.resolve("err.txt")));
    }

    record Outcome(int exitCode, String out, String err) {}

    @Test
    void scriptRunsASessionAndReportsFailuresAsOneLineWithTheRightExitCode() throws Exception {
        Outcome ping = run("", "ping", "-c", "2");
        assertThat(ping.exitCode()).as(ping.toString()).isZero();
        assertThat(ping.out()).contains("Ping 1:", "Ping 2:", "2 pings: min");

        Outcome created = run("", "-u", "iggy", "-p", "iggy", "stream", "create", "scripted");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        Outcome topic = run("", "-u", "iggy", "-p", "iggy", "topic", "create", "scripted", "t", "1", "none");
        assertThat(topic.exitCode()).as(topic.toString()).isZero();
        Outcome sent = run("hello\nworld\n", "-u", "iggy", "-p", "iggy", "message", "send", "scripted", "t");
        assertThat(sent.out()).as(sent.toString()).contains("Sent 2 message(s)");
        Outcome polled = run("", "-u", "iggy", "-p", "iggy", "message", "poll", "scripted", "t", "0", "-f", "-m", "2");
        assertThat(polled.out()).as(polled.toString()).contains("| hello ", "| world ");

        Outcome wrongPassword = run("", "-u", "iggy", "-p", "nope", "stream", "list");
        assertThat(wrongPassword.exitCode()).isEqualTo(1);
        assertThat(wrongPassword.err()).matches("error: invalid_credentials \\(code 42\\): [^\\n]+\\n");

        Outcome unknownStream = run("", "-u", "iggy", "-p", "iggy", "topic", "create", "missing", "t", "1", "none");
        assertThat(unknownStream.exitCode()).isEqualTo(1);
        assertThat(unknownStream.err()).matches("error: stream_\\w*not_found \\(code \\d+\\): [^\\n]+\\n");

        Outcome badFlag = run("", "stream", "list", "--nope");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        assertThat(badFlag.err()).isEqualTo("error: Unknown option: '--nope' (see 'whippet stream list --help')\n");
    }
}
