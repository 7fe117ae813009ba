package io.whippet.bench;

import io.whippet.client.TlsSettings;

/**
 * One benchmark run, fully resolved from the command line.
 *
 * @param batchesPerActor batches each producer sends / each consumer polls
 * @param rateLimitBytesPerSecond payload bytes per second over all actors; 0 = unlimited
 * @param samplingMs the width of one time-series bucket
 * @param embeddedServer start a server in a temp dir inside this process
 * @param serverAddress host:port of the server (ignored when embedded)
 * @param pollAhead a pinned consumer keeps its next poll in flight while it reads the current one
 */
public record BenchParams(
        BenchKind kind,
        Workload workload,
        Topology topology,
        long rateLimitBytesPerSecond,
        long warmupMs,
        long samplingMs,
        boolean highLevelApi,
        boolean pollAhead,
        Connection connection,
        String outputDirectory) {

    /** What each actor sends or reads. */
    public record Workload(int messageSizeBytes, int messagesPerBatch, long batchesPerActor) {
        public long messagesPerActor() {
            return messagesPerBatch * batchesPerActor;
        }
    }

    /** Who runs and where they write. */
    public record Topology(
            int producers, int consumers, int streams, int partitions, int consumerGroups, boolean reuseStreams) {}

    /**
     * Where the server is and how to reach it. With {@code tls} enabled and an embedded server,
     * the server serves TLS with its self-signed certificate, which the clients then trust unless
     * a CA file is given.
     */
    public record Connection(
            String transport,
            String serverAddress,
            boolean embeddedServer,
            String username,
            String password,
            boolean enforceFsync,
            TlsSettings tls) {
        /** {@code tcp} or {@code tcp+tls}, for reports. */
        public String label() {
            return tls.enabled() ? transport + "+tls" : transport;
        }
    }
}
