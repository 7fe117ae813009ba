package io.whippet.connectors.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster from Debian's {@code postgresql} 15 binaries: {@code initdb} into
 * a temp directory (trust auth), {@code pg_ctl start} on a free loopback port with the socket in
 * that directory, {@code pg_ctl stop -m immediate} on close. initdb refuses to run as root, so as
 * root the commands run as the {@code postgres} user through {@code runuser}. Missing binaries
 * fail with the apt command that installs them.
 */
final class PostgresCluster implements AutoCloseable {
    static final Path BIN = Path.of(System.getProperty("whippet.postgres.bin", "/usr/lib/postgresql/15/bin"));

    final int port;
    private final Path data;
    private final boolean asRoot = "root".equals(System.getProperty("user.name"));

    PostgresCluster(Path directory) {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new AssertionError("PostgreSQL binaries not found in " + BIN
                    + ": install them with `apt-get install -y postgresql` (Debian's version 15)");
        }
        data = directory.resolve("pgdata");
        port = freePort();
        if (asRoot) {
            run(List.of("chown", "-R", "postgres", directory.toString()), false);
            run(List.of("chmod", "755", directory.toString()), false);
        }
        run(
                List.of(
                        BIN.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        "postgres",
                        "--auth=trust",
                        "-E",
                        "UTF8"),
                true);
        run(
                List.of(
                        BIN.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-w",
                        "-l",
                        directory.resolve("postgres.log").toString(),
                        "-o",
                        "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off",
                        "start"),
                true);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres && asRoot) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", full) + " failed:\n" + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), true);
    }
}
