package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.command.GetSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code whippet snapshot}: asks the server for a diagnostic zip (filesystem overview, process
 * list, resource usage, logs, config) and saves it as {@code snapshot_<time>.zip}.
 */
@Command(
        name = "snapshot",
        description = "Save a diagnostic snapshot (zip) of the server.",
        mixinStandardHelpOptions = true)
final class SnapshotCommand extends ServerCommand {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    @Option(
            names = {"-c", "--compression"},
            paramLabel = "KIND",
            description = "stored, deflated, bzip2, zstd, lzma or xz (default: deflated)")
    String compression = "deflated";

    @Option(
            names = {"-s", "--snapshot-types"},
            split = ",",
            paramLabel = "TYPE",
            description = "filesystem_overview, process_list, resource_usage, test, server_logs, server_config"
                    + " or all (default: all)")
    List<String> types = new ArrayList<>(List.of("all"));

    @Option(
            names = {"-o", "--out-dir"},
            paramLabel = "DIR",
            description = "where to save the zip (default: the current directory)")
    Path outDir = Path.of(".");

    @Override
    void run(BlockingClient client, Printer out) {
        GetSnapshot.Compression kind = parse(GetSnapshot.Compression.class, compression, "compression");
        List<GetSnapshot.SnapshotType> snapshotTypes = new ArrayList<>();
        for (String type : types) {
            snapshotTypes.add(parse(GetSnapshot.SnapshotType.class, type, "snapshot type"));
        }
        byte[] zip = client.snapshot(new GetSnapshot(kind, snapshotTypes));
        Path file = outDir.resolve("snapshot_" + LocalDateTime.now().format(FILE_TIME) + ".zip");
        try {
            Files.createDirectories(outDir);
            Files.write(file, zip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        if (out.json()) {
            out.json(Map.of("file", file.toString(), "size_bytes", zip.length));
        }
        out.info("Snapshot saved to " + file + " (" + Cell.bytesText(zip.length) + ").");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E value : type.getEnumConstants()) {
                names.add(value.name().toLowerCase(Locale.ROOT));
            }
            throw new UsageException(what + ": " + text + " (expected: " + String.join(", ", names) + ")");
        }
    }
}
