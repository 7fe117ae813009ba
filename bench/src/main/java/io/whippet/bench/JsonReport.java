package io.whippet.bench;

import java.util.Map;

/**
 * {@code report.json}: uuid, timestamp, environment (machine and server), params, group metrics
 * with time series, and individual metrics, in the spirit of iggy-bench's report.
 */
final class JsonReport {
    private JsonReport() {}

    static String render(BenchReport report) {
        JsonWriter json = new JsonWriter().beginObject();
        json.field("uuid", report.uuid()).field("timestamp", report.timestamp());
        json.name("environment").beginObject();
        for (Map.Entry<String, String> entry : report.environment().entrySet()) {
            json.field(entry.getKey(), entry.getValue());
        }
        json.endObject();
        params(json, report.params());
        json.name("group_metrics").beginArray();
        for (GroupSummary group : report.groups()) {
            group(json, group, report.params());
        }
        json.endArray();
        json.name("individual_metrics").beginArray();
        for (ActorResult actor : report.actors()) {
            json.beginObject()
                    .field("role", actor.role().name().toLowerCase(java.util.Locale.ROOT))
                    .field("actor_id", actor.actorId())
                    .field("messages", actor.messages())
                    .field("batches", actor.batches())
                    .field("payload_bytes", actor.payloadBytes())
                    .field("total_bytes", actor.totalBytes())
                    .field("seconds", actor.seconds())
                    .field("throughput_mb_s", actor.megabytesPerSecond())
                    .field("throughput_msg_s", actor.messagesPerSecond());
            latency(json, LatencySummary.of(actor.latencyMicros()));
            json.endObject();
        }
        json.endArray();
        return json.endObject().toString();
    }

    private static void params(JsonWriter json, BenchParams params) {
        json.name("params")
                .beginObject()
                .field("kind", params.kind().cliName())
                .field("message_size_bytes", params.workload().messageSizeBytes())
                .field("messages_per_batch", params.workload().messagesPerBatch())
                .field("batches_per_actor", params.workload().batchesPerActor())
                .field("producers", params.topology().producers())
                .field("consumers", params.topology().consumers())
                .field("streams", params.topology().streams())
                .field("partitions", params.topology().partitions())
                .field("consumer_groups", params.topology().consumerGroups())
                .field("rate_limit_bytes_per_second", params.rateLimitBytesPerSecond())
                .field("warmup_ms", params.warmupMs())
                .field("sampling_ms", params.samplingMs())
                .field("high_level_api", params.highLevelApi())
                .field("poll_ahead", params.pollAhead())
                .field("transport", params.connection().transport())
                .field("tls", params.connection().tls().enabled())
                .field("server_address", params.connection().serverAddress())
                .field("embedded_server", params.connection().embeddedServer())
                .field("enforce_fsync", params.connection().enforceFsync())
                .endObject();
    }

    private static void group(JsonWriter json, GroupSummary group, BenchParams params) {
        json.beginObject()
                .field("role", group.role().name().toLowerCase(java.util.Locale.ROOT))
                .field("actors", group.actors())
                .field("messages", group.messages())
                .field("batches", group.batches())
                .field("payload_bytes", group.payloadBytes())
                .field("total_bytes", group.totalBytes())
                .field("seconds", group.seconds())
                .field("total_throughput_mb_s", group.totalMegabytesPerSecond())
                .field("average_throughput_mb_s", group.averageMegabytesPerSecond())
                .field("total_throughput_msg_s", group.totalMessagesPerSecond())
                .field("average_throughput_msg_s", group.averageMessagesPerSecond());
        latency(json, group.latency());
        json.name("time_series")
                .beginObject()
                .field("bucket_ms", group.series().bucketMs())
                .array("throughput_mb_s", group.series().throughputMegabytesPerSecond())
                .array("throughput_msg_s", group.series().throughputMessagesPerSecond())
                .array("latency_avg_ms", group.series().averageLatencyMs())
                .endObject();
        json.endObject();
    }

    private static void latency(JsonWriter json, LatencySummary latency) {
        json.name("latency_ms")
                .beginObject()
                .field("p50", latency.p50Ms())
                .field("p90", latency.p90Ms())
                .field("p95", latency.p95Ms())
                .field("p99", latency.p99Ms())
                .field("p999", latency.p999Ms())
                .field("p9999", latency.p9999Ms())
                .field("avg", latency.averageMs())
                .field("min", latency.minMs())
                .field("max", latency.maxMs())
                .field("std_dev", latency.stdDevMs())
                .endObject();
    }
}
