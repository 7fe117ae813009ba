package io.whippet.server;

import io.whippet.server.config.ConfigException;
import io.whippet.server.config.ServerConfig;
import io.whippet.server.partition.DataPlane;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * {@code bin/whippet server}: parses the command line, loads the configuration, starts a
 * {@link Server} and stops it cleanly on SIGTERM/SIGINT (exit 0). A bad option or configuration
 * value stops start-up with one line naming it (exit 2).
 */
public final class WhippetServer {
    private static final String USAGE = """
            usage: whippet server [--config FILE] [--fresh] [--with-default-root-credentials]
              -c, --config FILE                 TOML configuration (default: $IGGY_CONFIG_PATH, else embedded defaults)
              -f, --fresh                       delete the data directory before starting
              --replica-id N                    accepted for Iggy's command line; only 0 (a single node)
              --with-default-root-credentials   create the root user as iggy/iggy when IGGY_ROOT_* are unset
            """;

    private static final System.Logger LOG = System.getLogger(WhippetServer.class.getName());

    private WhippetServer() {}

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        int status = run(args, System.getenv(), System.err);
        System.exit(status);
    }

    private static String hostPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    static int run(String[] args, Map<String, String> environment, PrintStream err) {
        @Nullable Path configFile = null;
        boolean fresh = false;
        boolean defaultRoot = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        err.println("whippet server: --config needs a file");
                        return 2;
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--fresh", "-f" -> fresh = true;
                case "--replica-id" -> {
                    // Iggy's clustered nodes take an id; a single node is replica 0.
                    if (i + 1 >= args.length || !args[i + 1].equals("0")) {
                        err.println("whippet server: --replica-id: only 0 is supported (Whippet runs as a single"
                                + " node)");
                        return 2;
                    }
                    i++;
                }
                case "--with-default-root-credentials" -> defaultRoot = true;
                case "--help", "-h" -> {
                    err.print(USAGE);
                    return 0;
                }
                default -> {
                    err.println("whippet server: unknown option '" + args[i] + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        if (configFile == null && environment.get("IGGY_CONFIG_PATH") != null) {
            configFile = Path.of(environment.get("IGGY_CONFIG_PATH"));
        }
        ServerConfig config;
        try {
            config = ServerConfig.load(configFile, environment);
        } catch (ConfigException e) {
            err.println("whippet server: " + e.getMessage());
            return 2;
        }
        String rootUser = environment.get("IGGY_ROOT_USERNAME");
        String rootPassword = environment.get("IGGY_ROOT_PASSWORD");
        if ((rootUser == null) != (rootPassword == null)) {
            err.println("whippet server: set both IGGY_ROOT_USERNAME and IGGY_ROOT_PASSWORD, or neither");
            return 2;
        }
        if (fresh) {
            // Before the log files open, which live in the data directory too.
            try {
                DataPlane.deleteTree(config.system().path());
            } catch (RuntimeException e) {
                err.println("whippet server: --fresh: cannot delete "
                        + config.system().path() + ": " + e);
                return 1;
            }
        }
        var options = new ServerOptions(rootUser, rootPassword, defaultRoot, false);
        ServerLogging logging;
        try {
            logging = ServerLogging.install(config.logging(), environment);
        } catch (IOException | RuntimeException e) {
            err.println("whippet server: cannot set up logging in "
                    + config.logging().directory() + ": " + e);
            return 1;
        }
        for (String ignored : config.ignoredSettings()) {
            LOG.log(System.Logger.Level.WARNING, "config: {0} (ignored)", ignored);
        }
        Server server;
        try {
            server = Server.start(config, options);
        } catch (ConfigException e) {
            // Found while starting, e.g. a TLS key file that is missing or does not match.
            err.println("whippet server: " + e.getMessage());
            logging.close();
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("whippet server: cannot start: " + e.getMessage());
            logging.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Fallback for other ways the JVM stops; close() is idempotent.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        // SIGTERM/SIGINT: stop cleanly and exit 0 (a plain shutdown hook would exit 143/130).
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), received -> stopped.countDown());
        }
        System.out.println("Whippet server started: TCP "
                + server.tcpAddress().map(WhippetServer::hostPort).orElse("off")
                + ", HTTP " + server.httpAddress().map(WhippetServer::hostPort).orElse("off")
                + ", QUIC " + server.quicAddress().map(WhippetServer::hostPort).orElse("off")
                + ", data in " + config.system().path().toAbsolutePath());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        System.out.println("Whippet server stopped");
        logging.close();
        return 0;
    }
}
