package io.whippet.server;

import io.whippet.server.config.LogLevels;
import io.whippet.server.config.ServerConfig.LoggingConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The server's logging, Iggy's {@code [system.logging]}, on {@link java.util.logging} (which
 * Netty, Vert.x and Whippet's own {@link System.Logger}s all end in): one level for everything,
 * stderr always, and with {@code file_enabled} rotating files as well.
 *
 * <pre>
 * {system.path}/{logging.path}/
 *   whippet.0.log      the file being written (appended to across restarts)
 *   whippet.1.log      the previous one, and so on up to max_total_size / max_file_size files
 * </pre>
 *
 * <p>A file past {@code max_file_size} is rotated by {@link FileHandler}; a housekeeping thread
 * deletes rotated files older than {@code retention} every {@code rotation_check_interval}, and
 * prints one line of system information every {@code sysinfo_print_interval}. Process-wide, so
 * only {@code bin/whippet server} installs it; embedded test servers keep the JVM's logging.
 */
final class ServerLogging implements AutoCloseable {
    private static final Logger ROOT = LogManager.getLogManager().getLogger("");
    private static final System.Logger LOG = System.getLogger(ServerLogging.class.getName());
    static final String FILE_PREFIX = "whippet.";
    static final String FILE_SUFFIX = ".log";
    /** Rotated files kept when max_total_size sets no bound. */
    private static final int MAX_FILES = 1000;

    private final Level previousLevel;
    private final @Nullable FileHandler file;
    private final @Nullable ScheduledExecutorService housekeeping;

    private ServerLogging(
            Level previousLevel, @Nullable FileHandler file, @Nullable ScheduledExecutorService housekeeping) {
        this.previousLevel = previousLevel;
        this.file = file;
        this.housekeeping = housekeeping;
    }

    /**
     * Applies {@code config}; {@code RUST_LOG} in {@code environment} overrides its level, as in
     * Iggy. Throws IOException when the log directory or file cannot be created.
     */
    static ServerLogging install(LoggingConfig config, Map<String, String> environment) throws IOException {
        Level level = LogLevels.parse(config.level()).orElse(Level.INFO);
        String rustLog = environment.get("RUST_LOG");
        List<String> notes = new ArrayList<>();
        if (rustLog != null && !rustLog.isBlank()) {
            var fromEnvironment = LogLevels.parse(rustLog);
            if (fromEnvironment.isPresent()) {
                level = fromEnvironment.get();
            } else {
                notes.add("RUST_LOG = '" + rustLog + "' names no level; using system.logging.level");
            }
        }
        Level previous = ROOT.getLevel();
        ROOT.setLevel(level);
        for (Handler handler : ROOT.getHandlers()) {
            handler.setLevel(level);
        }
        FileHandler file = null;
        if (config.fileEnabled()) {
            Files.createDirectories(config.directory());
            int limit = (int) config.maxFileSizeBytes();
            int count = limit == 0
                    ? 1
                    : config.maxTotalSizeBytes() == 0
                            ? MAX_FILES
                            : (int) Math.clamp(config.maxTotalSizeBytes() / limit, 1, MAX_FILES);
            String pattern = config.directory().toAbsolutePath() + "/" + FILE_PREFIX + "%g" + FILE_SUFFIX;
            file = new FileHandler(pattern, limit, count, true);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(level);
            ROOT.addHandler(file);
        }
        ScheduledExecutorService housekeeping = null;
        long retentionCheckMicros =
                config.fileEnabled() && config.retentionMicros() > 0 ? config.rotationCheckIntervalMicros() : 0;
        if (retentionCheckMicros > 0 || config.sysinfoPrintIntervalMicros() > 0) {
            housekeeping = Executors.newSingleThreadScheduledExecutor(task ->
                    Thread.ofPlatform().daemon().name("log-housekeeping").unstarted(task));
            if (retentionCheckMicros > 0) {
                housekeeping.scheduleWithFixedDelay(
                        () -> deleteExpired(config.directory(), config.retentionMicros(), Instant.now()),
                        0,
                        retentionCheckMicros,
                        TimeUnit.MICROSECONDS);
            }
            if (config.sysinfoPrintIntervalMicros() > 0) {
                Path dataPath = config.directory().toAbsolutePath().getParent();
                housekeeping.scheduleAtFixedRate(
                        () -> LOG.log(System.Logger.Level.INFO, sysinfo(dataPath)),
                        config.sysinfoPrintIntervalMicros(),
                        config.sysinfoPrintIntervalMicros(),
                        TimeUnit.MICROSECONDS);
            }
        }
        for (String note : notes) {
            LOG.log(System.Logger.Level.WARNING, note);
        }
        return new ServerLogging(previous, file, housekeeping);
    }

    /**
     * Deletes rotated log files last modified longer than {@code retentionMicros} before {@code
     * now}; the file being written ({@code whippet.0.log}) stays. Returns how many went.
     */
    static int deleteExpired(Path directory, long retentionMicros, Instant now) {
        FileTime cutoff = FileTime.from(now.minus(retentionMicros, java.time.temporal.ChronoUnit.MICROS));
        int deleted = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path path : files.toList()) {
                String name = path.getFileName().toString();
                if (name.startsWith(FILE_PREFIX)
                        && name.endsWith(FILE_SUFFIX)
                        && !name.equals(FILE_PREFIX + "0" + FILE_SUFFIX)
                        && Files.getLastModifiedTime(path).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(path);
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "log retention: cannot clean " + directory + ": " + e.getMessage());
        }
        return deleted;
    }

    /** One line: heap, resident threads, load and the data disk's free space. */
    static String sysinfo(@Nullable Path dataPath) {
        Runtime runtime = Runtime.getRuntime();
        long heapUsedMiB = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        long heapMaxMiB = runtime.maxMemory() >> 20;
        var os = ManagementFactory.getOperatingSystemMXBean();
        StringBuilder line = new StringBuilder("sysinfo: heap ")
                .append(heapUsedMiB)
                .append('/')
                .append(heapMaxMiB)
                .append(" MiB, threads ")
                .append(ManagementFactory.getThreadMXBean().getThreadCount())
                .append(", load ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", os.getSystemLoadAverage()))
                .append(" on ")
                .append(os.getAvailableProcessors())
                .append(" CPUs");
        if (dataPath != null) {
            try {
                var store = Files.getFileStore(dataPath);
                line.append(", data disk ")
                        .append(store.getUsableSpace() >> 20)
                        .append('/')
                        .append(store.getTotalSpace() >> 20)
                        .append(" MiB free");
            } catch (IOException e) {
                line.append(", data disk unknown (").append(e.getMessage()).append(')');
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (file != null) {
            ROOT.removeHandler(file);
            file.close();
        }
        ROOT.setLevel(previousLevel);
    }
}
