package io.whippet.connectors.runtime;

import io.whippet.client.BlockingClient;
import io.whippet.client.ClientConfig;
import io.whippet.client.Credentials;
import io.whippet.client.TlsSettings;
import io.whippet.client.tcp.TcpClient;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole connector runtime (spec §1): two server connections (one for every sink consumer, one
 * for every source producer), the active connectors from the config provider, and the management
 * API. {@link #start} brings everything up; {@link #close} stops the connectors, closes their
 * plugins and both connections. Thread-safe: connector changes (restart) are serialized.
 */
public final class ConnectRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectRuntime.class.getName());

    private final RuntimeConfig config;
    private final LocalConfigProvider provider;
    private final PluginLoader loader;
    private final RuntimeMetrics metrics = new RuntimeMetrics();
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, ConnectorMetrics> connectorMetrics = new LinkedHashMap<>();
    private final AtomicLong pluginIds = new AtomicLong();
    private final long startMicros = System.currentTimeMillis() * 1_000;
    private final BlockingClient sinkClient;
    private final BlockingClient sourceClient;
    private ManagementApi api;
    private boolean closed;

    private ConnectRuntime(RuntimeConfig config, Map<String, String> env) {
        this.config = config;
        this.provider = new LocalConfigProvider(config.configDirectory(), env);
        this.loader = PluginLoader.create(config.pluginsDirectory());
        try {
            Files.createDirectories(config.statePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + config.statePath(), e);
        }
        this.sinkClient = connect(config.iggy());
        this.sourceClient = connect(config.iggy());
        sinkClient.async().onReconnected(this::rejoinSinks);
        metrics.gauge("iggy_connectors_sinks_total", () -> count(ConnectorType.SINK, false));
        metrics.gauge("iggy_connectors_sinks_running", () -> count(ConnectorType.SINK, true));
        metrics.gauge("iggy_connectors_sources_total", () -> count(ConnectorType.SOURCE, false));
        metrics.gauge("iggy_connectors_sources_running", () -> count(ConnectorType.SOURCE, true));
        this.api = ManagementApi.disabled();
    }

    /** Connects to the server, starts every enabled active connector and the management API. */
    public static ConnectRuntime start(RuntimeConfig config, Map<String, String> env) {
        LOG.log(Level.INFO, () -> "starting connectors runtime: " + config);
        ConnectRuntime runtime = new ConnectRuntime(config, env);
        try {
            runtime.startConnectors();
            if (config.http().enabled()) {
                runtime.api = ManagementApi.start(runtime, config.http());
            }
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private static BlockingClient connect(RuntimeConfig.Iggy iggy) {
        Credentials credentials = iggy.token().isEmpty()
                ? Credentials.password(iggy.username(), iggy.password())
                : Credentials.token(iggy.token());
        TlsSettings tls = iggy.tlsEnabled()
                ? new TlsSettings(true, iggy.tlsDomain(), iggy.tlsCaFile().isEmpty() ? null : iggy.tlsCaFile(), true)
                : TlsSettings.disabled();
        ClientConfig clientConfig = ClientConfig.defaults()
                .withAddress(Addresses.host(iggy.address()), Addresses.port(iggy.address(), ClientConfig.DEFAULT_PORT))
                .withCredentials(credentials)
                .withTls(tls);
        BlockingClient client = new BlockingClient(TcpClient.create(clientConfig));
        try {
            client.connect();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private synchronized void startConnectors() {
        for (ConnectorConfig connector : provider.activeConfigs()) {
            Connector created = create(connector);
            connectors.put(id(connector.type(), connector.key()), created);
            if (connector.enabled()) {
                created.start();
            } else {
                LOG.log(Level.WARNING, connector.type().label() + " " + connector.key() + " is disabled; skipped");
            }
        }
    }

    private Connector create(ConnectorConfig connector) {
        ConnectorMetrics counters = connectorMetrics.computeIfAbsent(
                id(connector.type(), connector.key()),
                id -> new ConnectorMetrics(metrics, connector.type(), connector.key()));
        long pluginId = pluginIds.getAndIncrement();
        return switch (connector.type()) {
            case SINK -> new SinkConnector(connector, pluginId, loader, sinkClient, counters);
            case SOURCE -> new SourceConnector(connector, pluginId, loader, sourceClient, counters, config.statePath());
        };
    }

    /** Stops the connector, reads its active config again and starts it anew (a fresh plugin instance). */
    public synchronized void restart(ConnectorType type, String key) {
        Connector current = connectors.get(id(type, key));
        ConnectorConfig fresh = provider.active(type, key).orElse(null);
        if (current == null && fresh == null) {
            throw notFound(type, key);
        }
        if (current != null) {
            current.stop();
            connectors.remove(id(type, key));
        }
        if (fresh == null) {
            return;
        }
        Connector created = create(fresh);
        connectors.put(id(type, key), created);
        if (fresh.enabled()) {
            created.start();
        }
    }

    /** The connectors of one type, in start order. */
    public synchronized List<ConnectorView> connectors(ConnectorType type) {
        List<ConnectorView> views = new ArrayList<>();
        for (Connector connector : connectors.values()) {
            if (connector.config().type() == type) {
                views.add(ConnectorView.of(connector));
            }
        }
        return views;
    }

    public synchronized Optional<ConnectorView> connector(ConnectorType type, String key) {
        Connector connector = connectors.get(id(type, key));
        return connector == null ? Optional.empty() : Optional.of(ConnectorView.of(connector));
    }

    synchronized List<Connector> all() {
        return List.copyOf(connectors.values());
    }

    public LocalConfigProvider configs() {
        return provider;
    }

    public RuntimeMetrics metrics() {
        return metrics;
    }

    public RuntimeConfig config() {
        return config;
    }

    long startMicros() {
        return startMicros;
    }

    /** Where the management API listens, when it is on. */
    public Optional<InetSocketAddress> apiAddress() {
        return api.address();
    }

    private synchronized void rejoinSinks() {
        for (Connector connector : connectors.values()) {
            if (connector instanceof SinkConnector sink) {
                sink.rejoin();
            }
        }
    }

    private synchronized int count(ConnectorType type, boolean runningOnly) {
        int count = 0;
        for (Connector connector : connectors.values()) {
            if (connector.config().type() == type && (!runningOnly || connector.status() == ConnectorStatus.RUNNING)) {
                count++;
            }
        }
        return count;
    }

    static WhippetException notFound(ConnectorType type, String key) {
        return new WhippetException(ErrorCode.RESOURCE_NOT_FOUND, type.label() + " " + key + " not found");
    }

    private static String id(ConnectorType type, String key) {
        return type.label() + "/" + key;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        api.close();
        for (Connector connector : all()) {
            connector.stop();
        }
        sinkClient.close();
        sourceClient.close();
        LOG.log(Level.INFO, "connectors runtime stopped");
    }
}
