package io.whippet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.testing.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Realistic sessions through {@link WhippetCli#run} against a real in-process server: every
 * command's printed output and exit code, as a user or a script sees them.
 */
@Timeout(120)
class CliEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmbeddedServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer(@TempDir Path data) {
        Map<String, String> environment = new java.util.HashMap<>(EmbeddedServer.QUIC_ON);
        environment.put("IGGY_HTTP_ENABLED", "true");
        environment.put("IGGY_HTTP_ADDRESS", "127.0.0.1:0");
        server = EmbeddedServer.start(data, false, environment);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private String address() {
        return server.host() + ":" + server.tcpPort();
    }

    private CliRun root() {
        return new CliRun(home).with("--tcp-server-address", address(), "-u", "iggy", "-p", "iggy");
    }

    private CliRun as(String user, String password) {
        return new CliRun(home).with("--tcp-server-address", address(), "-u", user, "-p", password);
    }

    private static CliRun.Result ok(CliRun.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result;
    }

    private static JsonNode json(CliRun.Result result) {
        return JSON.readTree(ok(result).out());
    }

    @Test
    void sessionCreatesStreamTopicAndUserSendsStdinLinesPollsThemBackAndCleansUp() {
        CliRun admin = root();
        assertThat(ok(admin.run("stream", "create", "orders")).out()).contains("Stream 'orders' created with ID");
        assertThat(ok(admin.run("topic", "create", "orders", "events", "2", "none", "7days", "-m", "5GB"))
                        .out())
                .contains("Topic 'events' created", "2 partition(s)");

        JsonNode topic = json(admin.run("--output", "json", "topic", "get", "orders", "events"));
        assertThat(topic.get("partitions_count").asLong()).isEqualTo(2);
        assertThat(topic.get("message_expiry").asLong()).isEqualTo(7L * 86_400_000_000L);
        assertThat(topic.get("max_topic_size").asLong()).isEqualTo(5_000_000_000L);
        assertThat(topic.get("partitions")).hasSize(2);
        long streamId = json(admin.run("stream", "get", "orders", "--output", "json"))
                .get("id")
                .asLong();

        assertThat(ok(admin.run(
                                "user",
                                "create",
                                "alice",
                                "s3cret-pw",
                                "-g",
                                "r_str",
                                "-s",
                                streamId + "#r_top,p_msg,s_msg"))
                        .out())
                .contains("User 'alice' created");
        String userTable = ok(admin.run("user", "get", "alice")).out();
        assertThat(userTable).contains("| Global Permissions ", "r_str", streamId + "#r_top,p_msg,s_msg");

        CliRun alice = as("alice", "s3cret-pw");
        assertThat(ok(alice.stdin("first line\nsecond line\nthird line\n")
                                .run("message", "send", "orders", "events", "-p", "0"))
                        .out())
                .contains("Sent 3 message(s)");

        String polled = ok(alice.run(
                        "message", "poll", "orders", "events", "0", "--first", "-m", "10", "-c", "7", "-a"))
                .out();
        assertThat(polled).contains("Polled 3 message(s)", "| first line ", "| second line ", "| third line ");

        JsonNode offset = json(admin.run("--output", "json", "consumer-offset", "get", "7", "orders", "events", "0"));
        assertThat(offset.get("stored_offset").asLong()).isEqualTo(2);
        ok(admin.run("consumer-offset", "set", "7", "orders", "events", "0", "0"));
        JsonNode next =
                json(alice.run("--output", "json", "message", "poll", "orders", "events", "0", "--next", "-c", "7"));
        assertThat(next).hasSize(1);
        assertThat(next.get(0).get("payload").asString()).isEqualTo("second line");
        assertThat(next.get(0).get("offset").asLong()).isEqualTo(1);

        ok(admin.run("user", "delete", "alice"));
        ok(admin.run("topic", "delete", "orders", "events"));
        assertThat(ok(admin.run("stream", "delete", "orders")).out()).contains("deleted");
        assertThat(json(admin.run("stream", "list", "--output", "json")))
                .noneMatch(s -> s.get("name").asString().equals("orders"));
    }

    @Test
    void wrongCredentialsPrintOneLineNamingTheServerErrorAndExitOne() {
        CliRun.Result result = as("iggy", "not-the-password").run("stream", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).matches("error: invalid_credentials \\(code 42\\): [^\\n]+\\n");
    }

    @Test
    void unknownStreamPrintsOneLineAndExitsOne() {
        CliRun.Result result = root().run("topic", "create", "no-such-stream", "t", "1", "none");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).matches("error: stream_\\w*not_found \\(code \\d+\\): [^\\n]+\\n");
    }

    @Test
    void lookupThatFindsNothingIsReportedAsNotFound() {
        CliRun.Result result = root().run("stream", "get", "absent");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).matches("error: \\w*not_found \\(code \\d+\\): [^\\n]+\\n");
    }

    @Test
    void badFlagsAndValuesAreUsageErrorsWithExitTwo() {
        CliRun.Result unknownOption = root().run("stream", "list", "--bogus");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err())
                .isEqualTo("error: Unknown option: '--bogus' (see 'whippet stream list --help')\n");

        CliRun.Result badCompression = root().run("topic", "create", "s", "t", "1", "zip");
        assertThat(badCompression.exitCode()).isEqualTo(2);
        assertThat(badCompression.err()).isEqualTo("error: compression: zip (expected: none or gzip)\n");

        CliRun.Result noStart = root().run("message", "poll", "s", "t", "0");
        assertThat(noStart.exitCode()).isEqualTo(2);
        assertThat(noStart.err())
                .startsWith("error: Error: Missing required argument")
                .hasLineCount(1);

        CliRun.Result badPermission = root().run("user", "create", "bob", "pw123456", "-g", "fly");
        assertThat(badPermission.exitCode()).isEqualTo(2);
        assertThat(badPermission.err()).startsWith("error: global permission: fly (expected: one of m_srv");
    }

    @Test
    void missingCredentialsWithoutTerminalIsAUsageError() {
        CliRun.Result result =
                new CliRun(home).with("--tcp-server-address", address()).run("stream", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: no credentials:").hasLineCount(1);
    }

    @Test
    void usernameWithoutPasswordPromptsForItWithoutEcho() {
        StringBuilder prompts = new StringBuilder();
        CliRun run = new CliRun(home)
                .with("--tcp-server-address", address(), "-u", "iggy")
                .prompt(text -> {
                    prompts.append(text);
                    return "iggy".toCharArray();
                });

        CliRun.Result result = ok(run.run("stream", "list"));

        assertThat(prompts).hasToString("Password for iggy: ");
        assertThat(result.out()).doesNotContain("iggy");
    }

    @Test
    void credentialsComeFromTheEnvironmentWhenNoFlagsAreGiven() {
        CliRun run = new CliRun(home)
                .with("--tcp-server-address", address())
                .env("IGGY_USERNAME", "iggy")
                .env("IGGY_PASSWORD", "iggy");

        assertThat(ok(run.run("me")).out()).contains("| Transport ", "tcp");
    }

    @Test
    void pingNeedsNoLoginAndReportsEveryRoundTrip() {
        CliRun run = new CliRun(home).with("--tcp-server-address", address());

        assertThat(ok(run.run("ping", "-c", "3")).out()).contains("Ping 1:", "Ping 3:", "3 pings: min");
        JsonNode json = json(run.run("ping", "-c", "2", "--output", "json"));
        assertThat(json.get("round_trips_ms")).hasSize(2);
    }

    @Test
    void contextsLiveUnderHomeAndSupplyAddressAndCredentials() throws Exception {
        CliRun plain = new CliRun(home);
        ok(plain.run("context", "create", "local", "--tcp-server-address", address(), "-u", "iggy", "-p", "iggy"));
        ok(plain.run("context", "use", "local"));

        assertThat(Files.readString(home.resolve(".whippet/contexts.toml")))
                .contains("[local]", "tcp_server_address = \"" + address() + "\"");
        assertThat(ok(plain.run("context", "list")).out()).containsPattern("\\| \\* +\\| local ");
        assertThat(ok(plain.run("context", "show", "local")).out())
                .contains("********")
                .doesNotContain("| iggy     |");
        ok(plain.run("stream", "list"));

        ok(plain.run("context", "delete", "local"));
        assertThat(plain.run("--context", "local", "stream", "list").exitCode()).isEqualTo(2);
    }

    @Test
    void httpAndQuicTransportsRunTheSameCommands() {
        var http = server.server().httpAddress().orElseThrow();
        CliRun overHttp = new CliRun(home)
                .with(
                        "--transport",
                        "http",
                        "--http-api-url",
                        "http://127.0.0.1:" + http.getPort(),
                        "-u",
                        "iggy",
                        "-p",
                        "iggy");
        CliRun overQuic = new CliRun(home)
                .with(
                        "--transport",
                        "quic",
                        "--quic-server-address",
                        "127.0.0.1:" + server.quicAddress().getPort(),
                        "-u",
                        "iggy",
                        "-p",
                        "iggy");
        String streamName = "transports-" + System.nanoTime();

        ok(overHttp.run("stream", "create", streamName));
        assertThat(ok(overQuic.run("stream", "list")).out()).contains(streamName);
        ok(overQuic.run("stream", "delete", streamName));
        assertThat(ok(overHttp.run("stream", "list")).out()).doesNotContain(streamName);
    }

    @Test
    void quicChecksTheCertificateWhenAskedTo() {
        String quic = "127.0.0.1:" + server.quicAddress().getPort();
        Path cert = server.server().config().system().path().resolve("certs").resolve("self-signed-cert.pem");

        CliRun.Result untrusted = new CliRun(home)
                .with("--transport", "quic", "--quic-server-address", quic, "--quic-validate-certificate")
                .run("ping");
        assertThat(untrusted.exitCode()).isEqualTo(1);
        assertThat(untrusted.err()).startsWith("error: ");

        ok(new CliRun(home)
                .with("--transport", "quic", "--quic-server-address", quic, "--quic-server-name", "localhost")
                .with("--quic-ca-file", cert.toString())
                .run("ping"));
    }

    @Test
    void anHttpApiUrlThatIsNotAUrlIsAUsageError() {
        CliRun.Result result = new CliRun(home)
                .with("--transport", "http", "--http-api-url", "127.0.0.1:3000")
                .run("ping");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: http api url: 127.0.0.1:3000");
    }

    @Test
    void messagesWithTypedHeadersSurviveAPollToFileAndASendFromIt() throws Exception {
        CliRun admin = root();
        ok(admin.run("stream", "create", "files"));
        ok(admin.run("topic", "create", "files", "in", "1", "gzip"));
        ok(admin.run("topic", "create", "files", "copy", "1", "none"));
        ok(admin.run(
                "message", "send", "files", "in", "-m", "key-1", "-H", "source:string:cli,retries:uint8:3", "a", "b"));

        String shown = ok(admin.run("message", "poll", "files", "in", "0", "-f", "-m", "5", "-s"))
                .out();
        assertThat(shown).contains("source: string = cli, retries: uint8 = 3");

        Path file = home.resolve("messages.bin");
        assertThat(ok(admin.run(
                                "message",
                                "poll",
                                "files",
                                "in",
                                "0",
                                "-f",
                                "-m",
                                "5",
                                "--output-file",
                                file.toString()))
                        .out())
                .contains("Stored 2 message(s)");
        assertThat(ok(admin.run("message", "send", "files", "copy", "--input-file", file.toString()))
                        .out())
                .contains("Sent 2 message(s)");

        JsonNode copied = json(admin.run("--output", "json", "message", "poll", "files", "copy", "0", "-f", "-m", "5"));
        assertThat(copied).hasSize(2);
        assertThat(copied.get(1).get("payload").asString()).isEqualTo("b");
        ok(admin.run("stream", "delete", "files"));
    }

    @Test
    void pollingMoreThanOneChunkReadsEveryMessage() {
        CliRun admin = root();
        ok(admin.run("stream", "create", "bulk"));
        ok(admin.run("topic", "create", "bulk", "t", "1", "none"));
        String lines = IntStream.range(0, 1_200).mapToObj(i -> "m" + i).collect(Collectors.joining("\n"));
        assertThat(ok(admin.stdin(lines).run("message", "send", "bulk", "t")).out())
                .contains("Sent 1200 message(s)");

        JsonNode polled =
                json(admin.run("message", "poll", "bulk", "t", "0", "--offset", "0", "-m", "1200", "--output", "json"));

        assertThat(polled).hasSize(1_200);
        assertThat(polled.get(1_199).get("payload").asString()).isEqualTo("m1199");
        ok(admin.run("stream", "delete", "bulk"));
    }

    @Test
    void quietPrintsNothingForMutationsAndListModePrintsOneLinePerItem() {
        CliRun admin = root();
        assertThat(ok(admin.run("stream", "create", "quiet-one", "-q")).out()).isEmpty();

        String list = ok(admin.run("stream", "list", "-l", "list")).out();
        assertThat(list).containsPattern("(?m)^id: \\d+, created_at: .*, name: quiet-one, ");
        ok(admin.run("stream", "delete", "quiet-one"));
    }

    @Test
    void statsMeAndSnapshotPrintServerData() {
        CliRun admin = root();
        JsonNode stats = json(admin.run("stats", "--output", "json"));
        assertThat(stats.get("process_id").asLong()).isPositive();

        Path out = home.resolve("snapshots");
        assertThat(ok(admin.run("snapshot", "-s", "test", "-o", out.toString())).out())
                .contains("Snapshot saved to");
        try (var files = Files.list(out)) {
            Path zip = files.findFirst().orElseThrow();
            assertThat(Files.readAllBytes(zip)).startsWith((byte) 'P', (byte) 'K');
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void completionScriptIsGenerated() {
        String script = ok(new CliRun(home).run("--generate", "bash")).out();
        assertThat(script).contains("complete -F", "whippet");
    }
}
