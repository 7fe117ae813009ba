package io.whippet.bench;

import io.whippet.client.ConnectionString;
import io.whippet.client.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/whippet bench KIND [options]}: the command line of the bench app. Defaults follow
 * iggy-bench: 1000 messages of 1000 B per batch, 1000 batches per actor, 8 actors per role, one
 * stream per pinned actor, tcp to 127.0.0.1:8090 as iggy/iggy.
 */
@Command(
        name = "whippet bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Measures throughput (MB/s of payload, msg/s) and batch latency against a Whippet server.",
        footer = {
            "",
            "Kinds: pinned-producer (pp), pinned-consumer (pc), pinned-producer-and-consumer (ppc),",
            "  balanced-producer (bp), balanced-consumer-group (bcg), balanced-producer-and-consumer-group (bpcg),",
            "  end-to-end-producing-consumer (e2e), end-to-end-producing-consumer-group (e2ecg), examples (e)."
        })
public final class BenchMain implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "what to run (see below)")
    private String kind = "";

    @Option(
            names = {"-m", "--message-size"},
            description = "bytes of payload per message (default: 1000)")
    private int messageSize = 1000;

    @Option(
            names = {"-P", "--messages-per-batch"},
            description = "messages per batch (default: 1000)")
    private int messagesPerBatch = 1000;

    @Option(
            names = {"-b", "--message-batches"},
            description = "batches per actor (default: 1000)")
    private @Nullable Long messageBatches;

    @Option(
            names = {"-T", "--total-data"},
            description = "payload over all actors instead, e.g. 1GB")
    private @Nullable String totalData;

    @Option(names = "--producers", description = "producer actors (default per kind: 8)")
    private @Nullable Integer producers;

    @Option(names = "--consumers", description = "consumer actors (default per kind: 8)")
    private @Nullable Integer consumers;

    @Option(names = "--streams", description = "streams (default: one per pinned actor, else 1)")
    private @Nullable Integer streams;

    @Option(names = "--partitions", description = "partitions per topic (default: 1 pinned, 24 balanced)")
    private @Nullable Integer partitions;

    @Option(names = "--consumer-groups", description = "consumer groups per stream (default: 1)")
    private int consumerGroups = 1;

    @Option(
            names = {"-r", "--rate-limit"},
            description = "payload bytes per second over all actors, e.g. 50MB")
    private @Nullable String rateLimit;

    @Option(
            names = {"-w", "--warmup-time"},
            description = "run this long before measuring (default: 0s)")
    private String warmup = "0s";

    @Option(
            names = {"-t", "--sampling-time"},
            description = "time-series bucket (default: 10ms)")
    private String sampling = "10ms";

    @Option(
            names = {"-H", "--high-level-api"},
            description = "use the SDK's Producer and Consumer")
    private boolean highLevelApi;

    @Option(
            names = "--no-poll-ahead",
            description = "pinned consumers wait for each poll before sending the next (default: one poll ahead)")
    private boolean noPollAhead;

    @Option(
            names = "--transport",
            description = "tcp, quic or http (default: tcp); quic trusts the server's certificate without validation")
    private String transport = "tcp";

    @Option(
            names = "--server-address",
            description =
                    "host:port (default: 127.0.0.1:8090 for tcp, 127.0.0.1:8080 for quic, 127.0.0.1:3000 for http)")
    private @Nullable String serverAddress;

    @Option(names = "--server", description = "external, or embedded: a server in a temp dir in this process")
    private String server = "external";

    @Option(
            names = "--tls",
            description = "TLS on TCP, verifying the server's certificate (embedded: the server serves TLS too)")
    private boolean tls;

    @Option(names = "--tls-domain", description = "server name to verify and send as SNI (default: the host)")
    private String tlsDomain = "";

    @Option(
            names = "--tls-ca-file",
            description = "PEM file of trusted certificates (default: the JDK trust store; embedded: its certificate)")
    private @Nullable String tlsCaFile;

    @Option(names = "--tls-insecure", description = "trust any server certificate (development only)")
    private boolean tlsInsecure;

    @Option(
            names = {"-u", "--username"},
            description = "default: iggy")
    private String username = "iggy";

    @Option(
            names = {"-p", "--password"},
            description = "default: iggy")
    private String password = "iggy";

    @Option(names = "--enforce-fsync", description = "fsync every batch (server setting; applied when embedded)")
    private boolean enforceFsync;

    @Option(names = "--reuse-streams", description = "keep existing bench streams instead of deleting them")
    private boolean reuseStreams;

    @Option(
            names = {"-o", "--output-dir"},
            description = "where report.json and index.html go")
    private String outputDirectory = "performance_results";

    public static void main(String[] args) {
        int exit = new CommandLine(new BenchMain()).execute(args);
        System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        if (kind.equals("examples") || kind.equals("e")) {
            printExamples();
            return 0;
        }
        BenchParams params = params();
        BenchReport report = BenchRunner.run(params);
        ConsoleSummary.print(report, System.out);
        Path directory = Path.of(params.outputDirectory())
                .resolve(params.kind().cliName() + "_"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT)));
        write(directory, report);
        System.out.println(
                "report: " + directory.resolve("report.json") + ", charts: " + directory.resolve("index.html"));
        return 0;
    }

    BenchParams params() {
        BenchKind benchKind = BenchKind.parse(kind);
        int producerCount = producers != null ? producers : benchKind.defaultProducers();
        int consumerCount = consumers != null ? consumers : benchKind.defaultConsumers();
        if (benchKind.defaultProducers() == 0) {
            producerCount = 0;
        }
        if (benchKind.defaultConsumers() == 0) {
            consumerCount = 0;
        }
        int streamCount = streams != null
                ? streams
                : benchKind.pinned() ? Math.max(1, producerCount > 0 ? producerCount : consumerCount) : 1;
        int partitionCount = partitions != null ? partitions : benchKind.defaultPartitions();
        int actors = Math.max(1, producerCount + consumerCount);
        long batchBytes = (long) messageSize * messagesPerBatch;
        long batches = messageBatches != null ? messageBatches : 1000;
        if (totalData != null) {
            batches = Math.max(1, parseBytes(totalData) / batchBytes / actors);
        }
        if (messageSize < 1
                || messagesPerBatch < 1
                || batches < 1
                || streamCount < 1
                || partitionCount < 1
                || consumerGroups < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "sizes and counts must be positive");
        }
        return new BenchParams(
                benchKind,
                new BenchParams.Workload(messageSize, messagesPerBatch, batches),
                new BenchParams.Topology(
                        producerCount, consumerCount, streamCount, partitionCount, consumerGroups, reuseStreams),
                rateLimit == null ? 0 : parseBytes(rateLimit),
                ConnectionString.durationMs(warmup),
                Math.max(1, ConnectionString.durationMs(sampling)),
                highLevelApi,
                !noPollAhead,
                new BenchParams.Connection(
                        transport.toLowerCase(Locale.ROOT),
                        serverAddress != null
                                ? serverAddress
                                : switch (transport.toLowerCase(Locale.ROOT)) {
                                    case "quic" -> "127.0.0.1:8080";
                                    case "http" -> "127.0.0.1:3000";
                                    default -> "127.0.0.1:8090";
                                },
                        server.equalsIgnoreCase("embedded"),
                        username,
                        password,
                        enforceFsync,
                        new TlsSettings(tls, tlsDomain, tlsCaFile, !tlsInsecure)),
                outputDirectory);
    }

    /** {@code 1000}, {@code 50KB}, {@code 50MB}, {@code 1GB} (powers of 10) or {@code KiB/MiB/GiB}. */
    static long parseBytes(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT).replace("/S", "");
        long multiplier = 1;
        String[][] units = {
            {"KIB", "1024"},
            {"MIB", "1048576"},
            {"GIB", "1073741824"},
            {"KB", "1000"},
            {"MB", "1000000"},
            {"GB", "1000000000"},
            {"B", "1"}
        };
        for (String[] unit : units) {
            if (value.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                value = value.substring(0, value.length() - unit[0].length()).trim();
                break;
            }
        }
        try {
            return Math.round(Double.parseDouble(value) * multiplier);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size: " + text + " (expected: e.g. 1000, 50MB, 1GiB)", e);
        }
    }

    private static void write(Path directory, BenchReport report) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("report.json"), JsonReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("index.html"), HtmlReport.render(report), StandardCharsets.UTF_8);
    }

    private static void printExamples() {
        System.out.println(String.join(
                System.lineSeparator(),
                "bin/whippet bench pinned-producer",
                "bin/whippet bench pinned-consumer",
                "bin/whippet bench pp --producers 4 -m 100 -P 100 -b 10000",
                "bin/whippet bench bp --partitions 12 -T 2GB -r 200MB",
                "bin/whippet bench bcg --consumers 4 --consumer-groups 1",
                "bin/whippet bench e2e --producers 2 -b 100 --server embedded",
                "bin/whippet bench pp --tls --tls-ca-file local_data/certs/self-signed-cert.pem",
                "bin/whippet bench ppc -H --warmup-time 5s --server-address 127.0.0.1:8090 -u iggy -p iggy"));
    }
}
