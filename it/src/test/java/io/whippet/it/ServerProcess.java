package io.whippet.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Whippet server in a child JVM ({@code io.whippet.server.WhippetServer
 * --with-default-root-credentials}) on a free loopback port, with HTTP and QUIC off, so a test can
 * kill it with SIGKILL ({@link #kill()}) and start another on the same data directory. Start-up is
 * complete when the child prints {@code Whippet server started}; its stdout is drained on a virtual
 * thread from then on and its stderr goes to {@code server-N.log} beside the data directory.
 * Owned by the test thread; {@link #close()} always leaves no child running.
 */
final class ServerProcess implements AutoCloseable {
    private static final String STARTED = "Whippet server started";
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final InetSocketAddress address;

    private ServerProcess(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** Starts a child server on {@code dataDir} and waits until it accepts connections. */
    static ServerProcess start(Path dataDir) {
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var command = List.of(
                java.toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "io.whippet.server.WhippetServer",
                "--with-default-root-credentials");
        try {
            Files.createDirectories(dataDir);
            Path log = nextLogFile(dataDir);
            var builder = new ProcessBuilder(command).redirectError(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("IGGY_SYSTEM_PATH", dataDir.toString());
            environment.put("IGGY_TCP_ADDRESS", "127.0.0.1:" + port);
            environment.put("IGGY_HTTP_ENABLED", "false");
            environment.put("IGGY_QUIC_ENABLED", "false");
            environment.remove("IGGY_ROOT_USERNAME");
            environment.remove("IGGY_ROOT_PASSWORD");
            environment.remove("IGGY_CONFIG_PATH");
            Process process = builder.start();
            var child = new ServerProcess(process, new InetSocketAddress("127.0.0.1", port));
            child.awaitStarted(log);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a server process on " + dataDir, e);
        }
    }

    private void awaitStarted(Path log) {
        var started = new CompletableFuture<Void>();
        Thread.ofVirtual().name("server-stdout").start(() -> {
            try (var reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.contains(STARTED)) {
                        started.complete(null);
                    }
                }
            } catch (IOException e) {
                // The child died; the exit check below reports it.
            }
            started.completeExceptionally(new IllegalStateException("server exited before starting"));
        });
        try {
            started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            throw new IllegalStateException("server process did not start: " + tail(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while starting the server process", e);
        }
    }

    InetSocketAddress tcpAddress() {
        return address;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. Waits until the child is gone. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the server's shutdown hook closes it cleanly. Returns the exit code. */
    int stop() {
        process.destroy();
        return waitForExit();
    }

    private int waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path nextLogFile(Path dataDir) throws IOException {
        Path absolute = dataDir.toAbsolutePath();
        Path parent = absolute.getParent() == null ? absolute : absolute.getParent();
        for (int i = 0; ; i++) {
            Path candidate = parent.resolve("server-" + i + ".log");
            if (!Files.exists(candidate)) {
                return Files.createFile(candidate);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
