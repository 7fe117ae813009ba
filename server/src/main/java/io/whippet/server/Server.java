package io.whippet.server;

import io.whippet.server.auth.PasswordHasher;
import io.whippet.server.auth.Permissioner;
import io.whippet.server.auth.PersonalAccessTokens;
import io.whippet.server.auth.UserAccounts;
import io.whippet.server.command.ClientRegistry;
import io.whippet.server.command.CommandContext;
import io.whippet.server.command.ServerCommandProcessor;
import io.whippet.server.config.ConfigException;
import io.whippet.server.config.HumanUnits;
import io.whippet.server.config.ServerConfig;
import io.whippet.server.http.HttpApiServer;
import io.whippet.server.metadata.ConsumerGroupMembers;
import io.whippet.server.metadata.Metadata;
import io.whippet.server.metadata.MetadataOptions;
import io.whippet.server.partition.DataPlane;
import io.whippet.server.partition.DataPlaneSettings;
import io.whippet.server.payload.EncryptionKeyCheck;
import io.whippet.server.quic.QuicEndpoint;
import io.whippet.server.quic.QuicServer;
import io.whippet.server.quic.ngtcp2.NativeQuic;
import io.whippet.server.quic.ngtcp2.NgQuicServer;
import io.whippet.server.tcp.FrameLimits;
import io.whippet.server.tcp.TcpServer;
import io.whippet.server.tls.KeyMaterial;
import io.whippet.server.tls.TlsContexts;
import io.whippet.storage.FileIo;
import io.whippet.storage.Flusher;
import io.whippet.storage.PartitionConfig;
import io.whippet.storage.StorageContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A running Whippet server: the assembled components and their lifecycle. {@link WhippetServer}
 * is the command-line entry point; tests start one in-process with {@link #start}.
 *
 * <pre>
 * {system.path}/metadata/      the metadata log and snapshot (streams, topics, groups, users, tokens)
 * {system.path}/streams/...    partition logs and consumer offsets, see DataPlane
 * {system.path}/certs/         the self-signed TLS identity, when configured (see KeyMaterial)
 * </pre>
 *
 * <p>Shutdown order: stop accepting, let in-flight requests finish, close transports, stop
 * maintenance, then close the partitions (fsync + clean-shutdown markers) and the metadata.
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    private final ServerConfig config;
    private final Metadata metadata;
    private final StorageContext storage;
    private final DataPlane dataPlane;
    private final ScheduledExecutorService maintenance;
    private final ExecutorService requestExecutor;
    private final @Nullable TcpServer tcp;
    private final @Nullable HttpApiServer http;
    private final @Nullable QuicEndpoint quic;
    private boolean closed;

    private Server(
            ServerConfig config,
            Metadata metadata,
            StorageContext storage,
            DataPlane dataPlane,
            ScheduledExecutorService maintenance,
            ExecutorService requestExecutor,
            @Nullable TcpServer tcp,
            @Nullable HttpApiServer http,
            @Nullable QuicEndpoint quic) {
        this.config = config;
        this.metadata = metadata;
        this.storage = storage;
        this.dataPlane = dataPlane;
        this.maintenance = maintenance;
        this.requestExecutor = requestExecutor;
        this.tcp = tcp;
        this.http = http;
        this.quic = quic;
    }

    public static Server start(ServerConfig config, ServerOptions options) throws IOException {
        InstantSource clock = InstantSource.system();
        Path root = config.system().path();
        if (options.fresh()) {
            DataPlane.deleteTree(root);
        }
        Files.createDirectories(root);
        Metadata metadata = Metadata.open(root.resolve("metadata"), clock, metadataOptions(config));
        StorageContext storage = null;
        DataPlane dataPlane = null;
        ScheduledExecutorService maintenance = null;
        ExecutorService requestExecutor = null;
        try {
            var accounts = new UserAccounts(metadata, PasswordHasher.owaspMinimum());
            createRootUser(accounts, options);
            storage = new StorageContext(
                    clock, FileIo.system(), new Flusher("flusher"), RandomGenerator.of("L64X256MixRandom"));
            var encryption = config.system().encryption();
            EncryptionKeyCheck.verify(root, encryption.enabled() ? encryption.key() : null);
            dataPlane = DataPlane.open(root, storage, dataPlaneSettings(config), metadata.view());
            var members = new ConsumerGroupMembers();
            var tokens = new PersonalAccessTokens(metadata, clock, new SecureRandom());
            var context = new CommandContext(
                    config,
                    metadata,
                    dataPlane,
                    members,
                    accounts,
                    tokens,
                    new Permissioner(),
                    new ClientRegistry(),
                    clock,
                    clock.millis() * 1000,
                    new ReentrantLock());
            maintenance = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("maintenance").daemon().factory());
            scheduleMaintenance(maintenance, context);
            requestExecutor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("request-", 0).factory());
            var processor = new ServerCommandProcessor(context);
            // Before either transport starts, so both self-signed ones share one identity.
            KeyMaterial tcpKeys = config.tcp().enabled() && config.tcp().tls().enabled()
                    ? KeyMaterial.load(config.tcp().tls(), root)
                    : null;
            KeyMaterial httpKeys =
                    config.http().enabled() && config.http().tls().enabled()
                            ? KeyMaterial.load(config.http().tls(), root)
                            : null;
            // The transports start side by side: each spends most of its start-up loading classes.
            ExecutorService executor = requestExecutor;
            CompletableFuture<@Nullable HttpApiServer> httpStart = config.http().enabled()
                    ? CompletableFuture.supplyAsync(
                            () -> HttpApiServer.start(config.http(), processor, executor, clock, httpKeys),
                            task -> Thread.ofPlatform().name("http-start").start(task))
                    : CompletableFuture.completedFuture(null);
            CompletableFuture<@Nullable QuicEndpoint> quicStart = config.quic().enabled()
                    ? CompletableFuture.supplyAsync(
                            () -> startQuic(config, root, processor, executor, clock),
                            task -> Thread.ofPlatform().name("quic-start").start(task))
                    : CompletableFuture.completedFuture(null);
            TcpServer tcp = null;
            HttpApiServer http;
            QuicEndpoint quic;
            try {
                if (config.tcp().enabled()) {
                    tcp = TcpServer.start(
                            config.tcp().address(),
                            config.tcp().socket(),
                            FrameLimits.defaults(),
                            processor,
                            requestExecutor,
                            clock,
                            tcpKeys == null ? null : TlsContexts.netty(tcpKeys));
                }
                http = httpStart.join();
                quic = quicStart.join();
            } catch (InterruptedException | RuntimeException e) {
                httpStart.thenAccept(started -> {
                    if (started != null) {
                        started.close();
                    }
                });
                quicStart.thenAccept(started -> {
                    if (started != null) {
                        started.close();
                    }
                });
                if (tcp != null) {
                    tcp.close();
                }
                if (e instanceof CompletionException completion
                        && completion.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
            return new Server(config, metadata, storage, dataPlane, maintenance, requestExecutor, tcp, http, quic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(metadata, storage, dataPlane, maintenance, requestExecutor);
            throw new IOException("interrupted while starting", e);
        } catch (RuntimeException e) {
            closeQuietly(metadata, storage, dataPlane, maintenance, requestExecutor);
            throw e;
        }
    }

    private static QuicEndpoint startQuic(
            ServerConfig config,
            Path root,
            ServerCommandProcessor processor,
            ExecutorService executor,
            InstantSource clock) {
        var engine = config.quic().engine();
        try {
            if (engine != ServerConfig.QuicEngine.QUICHE) {
                switch (NativeQuic.load()) {
                    case NativeQuic.Available available -> {
                        return NgQuicServer.start(
                                available.library(),
                                config.quic(),
                                root,
                                FrameLimits.defaults(),
                                processor,
                                executor,
                                clock);
                    }
                    case NativeQuic.Unavailable unavailable -> {
                        if (engine == ServerConfig.QuicEngine.NGTCP2) {
                            throw new ConfigException("quic.engine = \"ngtcp2\": " + unavailable.reason());
                        }
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "QUIC: using Netty's quiche codec, which requires ALPN \"iggy\", so Iggy's Rust"
                                        + " clients (no ALPN) cannot connect: ngtcp2 is unavailable: {0}",
                                unavailable.reason());
                    }
                }
            }
            return QuicServer.start(config.quic(), root, FrameLimits.defaults(), processor, executor, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MetadataOptions metadataOptions(ServerConfig config) {
        var system = config.system();
        // The metadata model speaks u64: "never"/"unlimited" is u64::MAX, i.e. -1 in a long.
        return new MetadataOptions(
                system.segmentSizeBytes(),
                system.defaultMessageExpiryMicros() == HumanUnits.UNLIMITED ? -1 : system.defaultMessageExpiryMicros(),
                system.defaultMaxTopicSizeBytes() == HumanUnits.UNLIMITED ? -1 : system.defaultMaxTopicSizeBytes(),
                config.maintenance().maxTokensPerUser(),
                MetadataOptions.defaults().snapshotThresholdBytes());
    }

    private static DataPlaneSettings dataPlaneSettings(ServerConfig config) {
        var system = config.system();
        long flushIntervalMs = config.maintenance().messageSaverEnabled()
                ? Math.max(1, config.maintenance().messageSaverIntervalMicros() / 1000)
                : 0;
        var partition = PartitionConfig.defaults()
                .withSegmentSizeBytes(system.segmentSizeBytes())
                .withEnforceFsync(system.enforceFsync())
                .withFlushThresholds(flushIntervalMs, system.flushMessagesThreshold(), system.flushBytesThreshold())
                .withValidateChecksumOnRead(system.validateChecksum());
        var dedup = system.deduplication();
        return new DataPlaneSettings(partition, dedup.enabled(), dedup.maxEntries(), dedup.expiryMicros());
    }

    /**
     * On first boot only: from IGGY_ROOT_USERNAME/PASSWORD, else iggy/iggy when asked for, else a
     * random password printed once.
     */
    private static void createRootUser(UserAccounts accounts, ServerOptions options) {
        String username = options.rootUsername();
        String password = options.rootPassword();
        boolean generated = false;
        if (username == null || password == null) {
            username = ServerOptions.DEFAULT_ROOT_USERNAME;
            if (options.defaultRootCredentials()) {
                password = ServerOptions.DEFAULT_ROOT_PASSWORD;
            } else {
                byte[] secret = new byte[18];
                new SecureRandom().nextBytes(secret);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                generated = true;
            }
        }
        String shownPassword = password;
        boolean show = generated;
        String name = username;
        // The Argon2id hash takes a while on a cold JVM: serve meanwhile, logins wait for it.
        accounts.ensureRootUserInBackground(
                        username, password, task -> Thread.ofVirtual().start(task))
                .thenAccept(created -> {
                    if (created && show) {
                        // Printed once, on the console only: this is the only way to learn it.
                        System.out.println(
                                "Created root user '" + name + "' with generated password: " + shownPassword);
                    }
                })
                .exceptionally(failure -> {
                    LOG.log(System.Logger.Level.ERROR, "creating the root user failed", failure);
                    return null;
                });
    }

    private static void scheduleMaintenance(ScheduledExecutorService maintenance, CommandContext context) {
        var settings = context.config().maintenance();
        if (settings.cleanerEnabled()) {
            every(
                    maintenance,
                    settings.cleanerIntervalMicros(),
                    "message cleaner",
                    () -> context.dataPlane().enforceRetention());
        }
        if (settings.tokenCleanerEnabled()) {
            every(
                    maintenance,
                    settings.tokenCleanerIntervalMicros(),
                    "token cleaner",
                    () -> context.tokens().deleteExpired(context.nowMicros()));
        }
        var heartbeat = context.config().heartbeat();
        if (heartbeat.enabled()) {
            every(
                    maintenance,
                    heartbeat.intervalMicros() / 2,
                    "heartbeat",
                    () -> context.members().expireSilent(context.nowMicros(), heartbeat.intervalMicros()));
        }
    }

    private static void every(ScheduledExecutorService executor, long intervalMicros, String name, Runnable task) {
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, name + " failed", e);
                    }
                },
                intervalMicros,
                Math.max(1, intervalMicros),
                TimeUnit.MICROSECONDS);
    }

    public ServerConfig config() {
        return config;
    }

    /** The bound TCP address (the real port when configured with port 0). */
    public Optional<InetSocketAddress> tcpAddress() {
        return tcp == null ? Optional.empty() : Optional.of(tcp.localAddress());
    }

    /** The bound HTTP address (the real port when configured with port 0). */
    public Optional<InetSocketAddress> httpAddress() {
        return http == null ? Optional.empty() : Optional.of(http.localAddress());
    }

    /** The bound QUIC (UDP) address (the real port when configured with port 0). */
    public Optional<InetSocketAddress> quicAddress() {
        return quic == null ? Optional.empty() : Optional.of(quic.localAddress());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tcp != null) {
            tcp.stopAccepting();
        }
        requestExecutor.shutdown();
        try {
            if (!requestExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "requests still running after 10 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tcp != null) {
            tcp.close();
        }
        if (quic != null) {
            quic.close();
        }
        if (http != null) {
            // After the drain: requests arriving meanwhile were answered 503 by the rejection.
            http.close();
        }
        closeQuietly(metadata, storage, dataPlane, maintenance, null);
    }

    private static void closeQuietly(
            Metadata metadata,
            @Nullable StorageContext storage,
            @Nullable DataPlane dataPlane,
            @Nullable ScheduledExecutorService maintenance,
            @Nullable ExecutorService requestExecutor) {
        if (requestExecutor != null) {
            requestExecutor.shutdownNow();
        }
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        try {
            if (dataPlane != null) {
                dataPlane.close();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "closing partitions failed", e);
        }
        try {
            if (storage != null) {
                storage.close();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "stopping the flusher failed", e);
        }
        try {
            metadata.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "closing metadata failed", e);
        }
    }
}
