package io.whippet.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The Prometheus metrics of the HTTP endpoint: request counts and latencies by method, route and
 * status; messages and bytes in and out per stream and topic (as addressed in the path); and
 * the number of connected clients. Thread-safe (Micrometer meters are).
 */
final class HttpMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    HttpMetrics(IntSupplier connectedClients) {
        Gauge.builder("whippet_connected_clients", connectedClients::getAsInt)
                .description("Clients connected over TCP and QUIC")
                .register(registry);
    }

    void request(String method, String route, int status, long elapsedNanos) {
        Timer.builder("whippet_http_requests")
                .description("HTTP requests by route and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    void messagesIn(String stream, String topic, long messages, long bytes) {
        counter("whippet_messages_in", stream, topic).increment(messages);
        counter("whippet_bytes_in", stream, topic).increment(bytes);
    }

    void messagesOut(String stream, String topic, long messages, long bytes) {
        counter("whippet_messages_out", stream, topic).increment(messages);
        counter("whippet_bytes_out", stream, topic).increment(bytes);
    }

    private Counter counter(String name, String stream, String topic) {
        return Counter.builder(name).tag("stream", stream).tag("topic", topic).register(registry);
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }
}
