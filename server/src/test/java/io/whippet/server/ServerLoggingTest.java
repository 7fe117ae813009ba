package io.whippet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.whippet.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLoggingTest {
    private static final Logger ROOT = LogManager.getLogManager().getLogger("");

    @TempDir
    Path dir;

    private ServerConfig.LoggingConfig config(String level, boolean file) {
        return new ServerConfig.LoggingConfig(level, file, dir.resolve("logs"), 1_000_000, 4_000_000, 0, 0, 0);
    }

    @Test
    void linesAtTheConfiguredLevelGoToTheLogFileAndCloseRestoresTheJvmsLogging() throws Exception {
        Level before = ROOT.getLevel();
        Logger logger = Logger.getLogger("io.whippet.test.logging");
        try (var logging = ServerLogging.install(config("warn", true), Map.of())) {
            logger.info("an info line below the level");
            logger.warning("a warning line at the level");
            assertThat(ROOT.getLevel()).isEqualTo(Level.WARNING);
        }
        String text = Files.readString(dir.resolve("logs/whippet.0.log"));
        assertThat(text).contains("a warning line at the level").doesNotContain("an info line");
        assertThat(ROOT.getLevel()).isEqualTo(before);

        logger.warning("after close");
        assertThat(Files.readString(dir.resolve("logs/whippet.0.log"))).doesNotContain("after close");
    }

    @Test
    void rustLogWinsOverTheConfiguredLevelAsInIggy() throws Exception {
        try (var logging = ServerLogging.install(config("info", false), Map.of("RUST_LOG", "error,server=debug"))) {
            assertThat(ROOT.getLevel()).isEqualTo(Level.SEVERE);
        }
        try (var logging = ServerLogging.install(config("debug", false), Map.of("RUST_LOG", "gibberish"))) {
            assertThat(ROOT.getLevel()).isEqualTo(Level.FINE);
        }
        assertThat(dir.resolve("logs")).doesNotExist();
    }

    @Test
    void retentionDeletesOldRotatedFilesButNeverTheCurrentOne() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        FileTime old = FileTime.from(now.minusSeconds(8 * 86_400));
        for (String name : new String[] {"whippet.0.log", "whippet.1.log", "whippet.2.log", "other.log"}) {
            Files.writeString(logs.resolve(name), name);
            Files.setLastModifiedTime(logs.resolve(name), old);
        }
        Files.writeString(logs.resolve("whippet.3.log"), "recent");
        Files.setLastModifiedTime(logs.resolve("whippet.3.log"), FileTime.from(now.minusSeconds(86_400)));

        int deleted = ServerLogging.deleteExpired(logs, 7 * 86_400_000_000L, now);

        assertThat(deleted).isEqualTo(2);
        assertThat(logs.resolve("whippet.0.log")).exists();
        assertThat(logs.resolve("whippet.1.log")).doesNotExist();
        assertThat(logs.resolve("whippet.2.log")).doesNotExist();
        assertThat(logs.resolve("whippet.3.log")).exists();
        assertThat(logs.resolve("other.log")).exists();
    }

    @Test
    void sysinfoNamesHeapThreadsLoadAndDisk() {
        assertThat(ServerLogging.sysinfo(dir))
                .matches("sysinfo: heap \\d+/\\d+ MiB, threads \\d+, load -?[0-9.]+ on \\d+ CPUs,"
                        + " data disk \\d+/\\d+ MiB free");
    }
}
