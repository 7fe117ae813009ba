package io.whippet.server.command;

import io.whippet.protocol.command.GetSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The diagnostics zip of GetSnapshot: a filesystem overview of the data directory, the process
 * list of this JVM's threads, resource usage and the effective configuration (secrets redacted).
 * Stored and deflated compression are honoured; the other codes fall back to deflated.
 */
final class Snapshots {
    private Snapshots() {}

    static byte[] build(CommandContext context, GetSnapshot command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(command.compression() == GetSnapshot.Compression.STORED ? 0 : 6);
            entry(
                    zip,
                    "filesystem_overview.txt",
                    filesystem(context.config().system().path()));
            entry(zip, "process_list.txt", threads());
            entry(zip, "resource_usage.txt", resources());
            entry(zip, "server_config.txt", context.config().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String filesystem(Path root) {
        StringBuilder out =
                new StringBuilder("data directory " + root.toAbsolutePath() + " at " + Instant.now() + "\n");
        try (Stream<Path> paths = Files.walk(root, 8)) {
            paths.limit(10_000).forEach(path -> {
                try {
                    out.append(Files.isDirectory(path) ? "d " : "f ")
                            .append(Files.isDirectory(path) ? 0 : Files.size(path))
                            .append(' ')
                            .append(root.relativize(path))
                            .append('\n');
                } catch (IOException e) {
                    out.append("? ").append(path).append('\n');
                }
            });
        } catch (IOException e) {
            out.append("cannot list: ").append(e.getMessage()).append('\n');
        }
        return out.toString();
    }

    private static String threads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces()
                .keySet()
                .forEach(thread -> out.append(thread.getName())
                        .append(' ')
                        .append(thread.getState())
                        .append('\n'));
        return out.toString();
    }

    private static String resources() {
        Runtime runtime = Runtime.getRuntime();
        return "pid " + ProcessHandle.current().pid() + "\nprocessors " + runtime.availableProcessors() + "\nheap used "
                + (runtime.totalMemory() - runtime.freeMemory()) + "\nheap max " + runtime.maxMemory() + "\n";
    }
}
