package io.whippet.bench;

import io.whippet.client.BlockingClient;
import io.whippet.client.ClientConfig;
import io.whippet.client.ClientTransport;
import io.whippet.client.Credentials;
import io.whippet.client.TlsSettings;
import io.whippet.client.WhippetClient;
import io.whippet.protocol.response.Stats;
import io.whippet.testing.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Runs one benchmark: starts the embedded server if asked, prepares the streams, connects one
 * client per actor, starts every actor at once on a thread of its own, shows progress, and
 * collects the results into a {@link BenchReport}.
 */
public final class BenchRunner {
    private BenchRunner() {}

    public static BenchReport run(BenchParams params) throws Exception {
        BenchParams.Connection connection = params.connection();
        ClientTransport transport = switch (connection.transport()) {
            case "tcp" -> ClientTransport.TCP;
            case "quic" -> ClientTransport.QUIC;
            case "http" -> ClientTransport.HTTP;
            default ->
                throw new IllegalArgumentException(
                        "transport: " + connection.transport() + " (expected: tcp, quic or http)");
        };
        if (transport == ClientTransport.HTTP && params.kind().usesGroups()) {
            throw new IllegalArgumentException("benchmark: " + params.kind()
                    + " (expected: one without consumer groups over http; joining a group needs a TCP connection)");
        }
        EmbeddedServer embedded = connection.embeddedServer()
                ? startEmbedded(
                        connection.enforceFsync(), transport, connection.tls().enabled())
                : null;
        try {
            String address = embedded == null ? connection.serverAddress() : embeddedAddress(embedded, transport);
            TlsSettings tls = connection.tls();
            if (embedded != null && tls.enabled() && tls.caFile() == null) {
                tls = new TlsSettings(
                        true, tls.domain(), embedded.tlsCertificate().toString(), tls.validateCertificate());
            }
            if (!connection.embeddedServer() && connection.enforceFsync()) {
                System.err.println("bench: --enforce-fsync is a server setting in 0.8.0; start the server with "
                        + "IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC=true (applied automatically with --server embedded)");
            }
            ClientConfig config = config(address, connection).withTransport(transport);
            return run(params, transport == ClientTransport.QUIC ? config : config.withTls(tls));
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static BenchReport run(BenchParams params, ClientConfig config) throws Exception {
        List<WhippetClient> clients = new ArrayList<>();
        try (BlockingClient admin = new BlockingClient(WhippetClient.create(config))) {
            BenchTopology.prepare(admin, params);
            AtomicLong progress = new AtomicLong();
            long startNanos = System.nanoTime() + 50_000_000;
            long measureFrom = startNanos + params.warmupMs() * 1_000_000;
            List<BenchActor> actors = actors(params, config, clients, progress, measureFrom);
            long expected = (long) actors.size() * params.workload().messagesPerActor();
            List<ActorResult> results = new ArrayList<>();
            try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                            Thread.ofPlatform().name("bench-actor-", 0).factory());
                    ProgressBar bar = new ProgressBar(progress, expected, System.err)) {
                List<Future<ActorResult>> running = new ArrayList<>();
                for (BenchActor actor : actors) {
                    running.add(threads.submit(actor::run));
                }
                for (Future<ActorResult> result : running) {
                    try {
                        results.add(result.get());
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("an actor failed: " + e.getCause(), e.getCause());
                    }
                }
            }
            return new BenchReport(
                    UUID.randomUUID().toString(),
                    Instant.now().toString(),
                    params,
                    results,
                    BenchReport.summarize(results, params.samplingMs()),
                    environment(admin));
        } finally {
            for (WhippetClient client : clients) {
                client.close();
            }
        }
    }

    private static List<BenchActor> actors(
            BenchParams params,
            ClientConfig config,
            List<WhippetClient> clients,
            AtomicLong progress,
            long measureFrom) {
        BenchParams.Topology topology = params.topology();
        List<BenchActor> actors = new ArrayList<>();
        for (int i = 0; i < topology.producers(); i++) {
            ActorContext context = context(i, params, config, clients, progress, measureFrom);
            if (params.kind().endToEnd()) {
                String group = params.kind().usesGroups() ? BenchTopology.groupName(0) : null;
                actors.add(new ProducingConsumerActor(context, group));
            } else {
                actors.add(new ProducerActor(context));
            }
        }
        Map<String, AtomicLong> remainingByGroup = new HashMap<>();
        for (int i = 0; i < topology.consumers(); i++) {
            ActorContext context = context(i, params, config, clients, progress, measureFrom);
            @Nullable String group = null;
            AtomicLong remaining = new AtomicLong();
            if (params.kind().usesGroups()) {
                int stream = i % topology.streams();
                int g = (i / topology.streams()) % topology.consumerGroups();
                group = BenchTopology.groupName(g);
                long target = BenchTopology.groupMembers(topology, stream, g)
                        * params.workload().messagesPerActor();
                remaining = remainingByGroup.computeIfAbsent(stream + "/" + g, key -> new AtomicLong(target));
            }
            actors.add(new ConsumerActor(context, group, remaining));
        }
        return actors;
    }

    private static ActorContext context(
            int actorId,
            BenchParams params,
            ClientConfig config,
            List<WhippetClient> clients,
            AtomicLong progress,
            long measureFrom) {
        WhippetClient client = WhippetClient.create(config);
        clients.add(client);
        BlockingClient.await(client.connect());
        return new ActorContext(actorId, client, params, measureFrom, measureFrom, progress);
    }

    private static ClientConfig config(String address, BenchParams.Connection connection) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("server address: " + address + " (expected: host:port)");
        }
        return ClientConfig.defaults()
                .withAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                .withCredentials(Credentials.password(connection.username(), connection.password()))
                .withRequestTimeoutMs(0)
                // A bench measures the transport, not the PKI: QUIC trusts the server's certificate.
                .withTls(new TlsSettings(false, "", null, false));
    }

    private static String embeddedAddress(EmbeddedServer embedded, ClientTransport transport) {
        return switch (transport) {
            case TCP -> "127.0.0.1:" + embedded.tcpPort();
            case QUIC -> "127.0.0.1:" + embedded.quicAddress().getPort();
            case HTTP ->
                "127.0.0.1:" + embedded.server().httpAddress().orElseThrow().getPort();
        };
    }

    private static EmbeddedServer startEmbedded(boolean enforceFsync, ClientTransport transport, boolean tls) {
        try {
            Map<String, String> environment =
                    new HashMap<>(transport == ClientTransport.QUIC ? EmbeddedServer.QUIC_ON : Map.of());
            if (transport == ClientTransport.HTTP) {
                environment.put("IGGY_HTTP_ENABLED", "true");
                environment.put("IGGY_HTTP_ADDRESS", "127.0.0.1:0");
            }
            if (enforceFsync) {
                environment.put("IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC", "true");
            }
            if (tls) {
                environment.put("IGGY_TCP_TLS_ENABLED", "true");
            }
            return EmbeddedServer.start(Files.createTempDirectory("whippet-bench-"), true, environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> environment(BlockingClient admin) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("cpu_cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        environment.put("java_version", System.getProperty("java.version", "?"));
        environment.put("os", System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?"));
        try {
            Stats stats = admin.stats();
            environment.put("server_version", stats.iggyServerVersion());
            environment.put("server_hostname", stats.hostname());
            environment.put("server_total_memory_bytes", Long.toString(stats.totalMemoryBytes()));
        } catch (RuntimeException e) {
            environment.put("server_stats", "unavailable: " + e.getMessage());
        }
        return environment;
    }
}
