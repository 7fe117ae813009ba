package io.whippet.protocol.response;

import io.whippet.protocol.Wire;
import io.whippet.protocol.WireStrings;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * GetStats reply: a 108-byte fixed part, five str32 strings, the semver (major*1_000_000 +
 * minor*1_000 + patch, 0 = unknown), cache metrics, thread count and disk space.
 *
 * <pre>[process_id:u32][cpu_usage:f32][total_cpu_usage:f32][memory_usage_bytes:u64][total_memory_bytes:u64][available_memory_bytes:u64][run_time_micros:u64][start_time_micros:u64][read_bytes:u64][written_bytes:u64][messages_size_bytes:u64][streams_count:u32][topics_count:u32][partitions_count:u32][segments_count:u32][messages_count:u64][clients_count:u32][consumer_groups_count:u32][hostname:str32][os_name:str32][os_version:str32][kernel_version:str32][iggy_server_version:str32][iggy_server_semver:u32][cache_metrics:u32 count + CacheMetric × count][threads_count:u32][free_disk_space_bytes:u64][total_disk_space_bytes:u64]</pre>
 */
public record Stats(
        long processId,
        float cpuUsage,
        float totalCpuUsage,
        long memoryUsageBytes,
        long totalMemoryBytes,
        long availableMemoryBytes,
        long runTimeMicros,
        long startTimeMicros,
        long readBytes,
        long writtenBytes,
        long messagesSizeBytes,
        long streamsCount,
        long topicsCount,
        long partitionsCount,
        long segmentsCount,
        long messagesCount,
        long clientsCount,
        long consumerGroupsCount,
        String hostname,
        String osName,
        String osVersion,
        String kernelVersion,
        String iggyServerVersion,
        long iggyServerSemver,
        List<CacheMetric> cacheMetrics,
        long threadsCount,
        long freeDiskSpaceBytes,
        long totalDiskSpaceBytes)
        implements Response {
    public Stats {
        cacheMetrics = List.copyOf(cacheMetrics);
    }

    /** Bytes before the first string. */
    public static final int FIXED_PART_BYTES = 108;

    public static Stats decode(ByteBuffer in) {
        return new Stats(
                Wire.u32(in, "process id"),
                Wire.f32(in, "cpu usage"),
                Wire.f32(in, "total cpu usage"),
                Wire.u64(in, "memory usage bytes"),
                Wire.u64(in, "total memory bytes"),
                Wire.u64(in, "available memory bytes"),
                Wire.u64(in, "run time micros"),
                Wire.u64(in, "start time micros"),
                Wire.u64(in, "read bytes"),
                Wire.u64(in, "written bytes"),
                Wire.u64(in, "messages size bytes"),
                Wire.u32(in, "streams count"),
                Wire.u32(in, "topics count"),
                Wire.u32(in, "partitions count"),
                Wire.u32(in, "segments count"),
                Wire.u64(in, "messages count"),
                Wire.u32(in, "clients count"),
                Wire.u32(in, "consumer groups count"),
                WireStrings.str32(in, "hostname"),
                WireStrings.str32(in, "os name"),
                WireStrings.str32(in, "os version"),
                WireStrings.str32(in, "kernel version"),
                WireStrings.str32(in, "iggy server version"),
                Wire.u32(in, "iggy server semver"),
                CacheMetric.decodeCounted(in),
                Wire.u32(in, "threads count"),
                Wire.u64(in, "free disk space bytes"),
                Wire.u64(in, "total disk space bytes"));
    }

    @Override
    public int encodedSize() {
        return 4
                + 4
                + 4
                + 8
                + 8
                + 8
                + 8
                + 8
                + 8
                + 8
                + 8
                + 4
                + 4
                + 4
                + 4
                + 8
                + 4
                + 4
                + WireStrings.str32Size(hostname)
                + WireStrings.str32Size(osName)
                + WireStrings.str32Size(osVersion)
                + WireStrings.str32Size(kernelVersion)
                + WireStrings.str32Size(iggyServerVersion)
                + 4
                + 4
                + CacheMetric.ENCODED_SIZE * cacheMetrics.size()
                + 4
                + 8
                + 8;
    }

    @Override
    public void encode(ByteBuffer out) {
        Wire.putU32(out, processId, "process id");
        out.putFloat(cpuUsage);
        out.putFloat(totalCpuUsage);
        out.putLong(memoryUsageBytes);
        out.putLong(totalMemoryBytes);
        out.putLong(availableMemoryBytes);
        out.putLong(runTimeMicros);
        out.putLong(startTimeMicros);
        out.putLong(readBytes);
        out.putLong(writtenBytes);
        out.putLong(messagesSizeBytes);
        Wire.putU32(out, streamsCount, "streams count");
        Wire.putU32(out, topicsCount, "topics count");
        Wire.putU32(out, partitionsCount, "partitions count");
        Wire.putU32(out, segmentsCount, "segments count");
        out.putLong(messagesCount);
        Wire.putU32(out, clientsCount, "clients count");
        Wire.putU32(out, consumerGroupsCount, "consumer groups count");
        WireStrings.putStr32(out, hostname);
        WireStrings.putStr32(out, osName);
        WireStrings.putStr32(out, osVersion);
        WireStrings.putStr32(out, kernelVersion);
        WireStrings.putStr32(out, iggyServerVersion);
        Wire.putU32(out, iggyServerSemver, "iggy server semver");
        CacheMetric.encodeCounted(cacheMetrics, out);
        Wire.putU32(out, threadsCount, "threads count");
        out.putLong(freeDiskSpaceBytes);
        out.putLong(totalDiskSpaceBytes);
    }
}
