package io.whippet.server.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the server process uses of the machine, as Iggy's stats report it: resident memory, bytes
 * read from and written to storage, and live threads.
 *
 * <p>On Linux the figures come from procfs: {@code /proc/self/statm} (second field: resident pages)
 * and {@code /proc/self/io} ({@code read_bytes:} and {@code write_bytes:} lines, bytes that reached
 * or came from the block layer; page-cache hits are not counted). Elsewhere, or when procfs cannot
 * be read, memory falls back to the JVM heap in use and the I/O counters to 0.
 */
record ProcessUsage(long residentBytes, long readBytes, long writtenBytes, int threadsCount) {
    private static final long PAGE_BYTES = 4096;
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final Path IO = Path.of("/proc/self/io");

    static ProcessUsage read() {
        Runtime runtime = Runtime.getRuntime();
        long resident = runtime.totalMemory() - runtime.freeMemory();
        long read = 0;
        long written = 0;
        try {
            String[] statm =
                    Files.readString(STATM, StandardCharsets.US_ASCII).trim().split(" ");
            if (statm.length > 1) {
                resident = Long.parseLong(statm[1]) * PAGE_BYTES;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or procfs hidden: keep the heap figure.
        }
        try {
            for (String line : Files.readAllLines(IO, StandardCharsets.US_ASCII)) {
                if (line.startsWith("read_bytes:")) {
                    read = Long.parseLong(line.substring("read_bytes:".length()).trim());
                } else if (line.startsWith("write_bytes:")) {
                    written = Long.parseLong(
                            line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc/self/io not readable (it needs ptrace access): report 0.
        }
        // The thread MXBean counts live platform threads; Thread.activeCount() counts only the
        // caller's thread group, which is empty when a virtual thread asks.
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new ProcessUsage(resident, read, written, threads);
    }
}
