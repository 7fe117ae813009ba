package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.response.Stats;
import picocli.CommandLine.Command;

/** {@code whippet stats}: the server's process, storage and traffic statistics. */
@Command(name = "stats", description = "Show server statistics.", mixinStandardHelpOptions = true)
final class StatsCommand extends ServerCommand {
    @Override
    void run(BlockingClient client, Printer out) {
        Stats stats = client.stats();
        Table table = Table.of(
                "server_version",
                "process_id",
                "cpu_usage",
                "total_cpu_usage",
                "memory_usage",
                "total_memory",
                "available_memory",
                "run_time",
                "start_time",
                "read",
                "written",
                "messages_size",
                "streams_count",
                "topics_count",
                "partitions_count",
                "segments_count",
                "messages_count",
                "clients_count",
                "consumer_groups_count",
                "threads_count",
                "free_disk_space",
                "total_disk_space",
                "hostname",
                "os_name",
                "os_version",
                "kernel_version");
        table.row(
                stats.iggyServerVersion(),
                stats.processId(),
                stats.cpuUsage(),
                stats.totalCpuUsage(),
                new Cell.Bytes(stats.memoryUsageBytes()),
                new Cell.Bytes(stats.totalMemoryBytes()),
                new Cell.Bytes(stats.availableMemoryBytes()),
                new Cell.Duration(stats.runTimeMicros(), "0s", "-"),
                new Cell.Micros(stats.startTimeMicros()),
                new Cell.Bytes(stats.readBytes()),
                new Cell.Bytes(stats.writtenBytes()),
                new Cell.Bytes(stats.messagesSizeBytes()),
                stats.streamsCount(),
                stats.topicsCount(),
                stats.partitionsCount(),
                stats.segmentsCount(),
                new Cell.Unsigned(stats.messagesCount()),
                stats.clientsCount(),
                stats.consumerGroupsCount(),
                stats.threadsCount(),
                new Cell.Bytes(stats.freeDiskSpaceBytes()),
                new Cell.Bytes(stats.totalDiskSpaceBytes()),
                stats.hostname(),
                stats.osName(),
                stats.osVersion(),
                stats.kernelVersion());
        out.details(table);
    }
}
