package io.whippet.connectors.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * {@code whippet connect [--config FILE]}: runs the connector runtime until SIGINT or SIGTERM. The
 * config file comes from {@code --config}, else {@code IGGY_CONNECTORS_CONFIG_PATH}, else {@code
 * core/connectors/runtime/config.toml} when it exists, else the embedded defaults (which need
 * {@code IGGY_CONNECTORS_CONNECTORS_CONFIG_DIR}).
 */
public final class ConnectMain {
    private ConnectMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = EnvValues.load(System.getenv());
        Path file;
        try {
            file = configFile(args, env);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: whippet connect [--config FILE]");
            System.exit(2);
            return;
        }
        ConnectRuntime runtime = ConnectRuntime.start(RuntimeConfig.load(file, env), env);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            runtime.close();
                            stopped.countDown();
                        },
                        "connect-shutdown"));
        stopped.await();
    }

    static @Nullable Path configFile(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") || args[i].equals("-c")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--config needs a file");
                }
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
            if (args[i].equals("--help") || args[i].equals("-h")) {
                throw new IllegalArgumentException("Runs the Whippet connector runtime.");
            }
            throw new IllegalArgumentException("unknown argument: " + args[i]);
        }
        String fromEnv = env.get("IGGY_CONNECTORS_CONFIG_PATH");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Path.of(fromEnv);
        }
        Path fallback = Path.of("core/connectors/runtime/config.toml");
        return Files.isRegularFile(fallback) ? fallback : null;
    }
}
