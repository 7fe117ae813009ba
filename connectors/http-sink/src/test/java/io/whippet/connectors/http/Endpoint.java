package io.whippet.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * An in-process WireMock endpoint on a fixed port (so it can go down and come back) that answers
 * 200 and records what it accepted: every message's {@code iggy_id} with how often it arrived, and
 * the distinct {@code seq} values of the payloads. Thread-safe.
 */
final class Endpoint implements AutoCloseable {
    final int port;
    // Replaced by up(); read by the test thread only.
    WireMockServer server;
    final Map<String, AtomicInteger> deliveriesById = new ConcurrentHashMap<>();
    final Set<Long> sequences = ConcurrentHashMap.newKeySet();
    final AtomicLong lines = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong allRequests = new AtomicLong();
    private final boolean parse;

    /** {@code parse = false} only counts lines (for the throughput run). */
    Endpoint(boolean parse) {
        this.parse = parse;
        this.port = freePort();
        this.server = started();
    }

    /**
     * A new server on {@link #port} answering 200 to everything. Coming back up builds a new one:
     * a restarted WireMockServer sometimes came back with Jetty answering its own 404 page forever.
     */
    private WireMockServer started() {
        WireMockServer fresh = new WireMockServer(options()
                .port(port)
                .bindAddress("127.0.0.1")
                .disableRequestJournal()
                .containerThreads(16)
                .extensions(new Recorder()));
        fresh.start();
        fresh.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        return fresh;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/ingest";
    }

    long distinctIds() {
        return deliveriesById.size();
    }

    long duplicates() {
        return deliveriesById.values().stream().mapToLong(c -> c.get() - 1).sum();
    }

    void down() {
        server.stop();
    }

    void up() {
        server = started();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Recorder implements ServeEventListener {
        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public void afterComplete(ServeEvent event, Parameters parameters) {
            allRequests.incrementAndGet();
            if (event.getResponse().getStatus() != 200) {
                return;
            }
            requests.incrementAndGet();
            String body = event.getRequest().getBodyAsString();
            if (!parse) {
                lines.addAndGet(body.chars().filter(c -> c == '\n').count());
                return;
            }
            String contentType = String.valueOf(event.getRequest().getHeader("Content-Type"));
            if (contentType.contains("ndjson")) {
                for (String line : body.split("\n")) {
                    record(HttpSink.MAPPER.readTree(line));
                }
            } else {
                JsonNode value = HttpSink.MAPPER.readTree(body);
                if (value.isArray()) {
                    value.forEach(this::record);
                } else {
                    record(value);
                }
            }
        }

        private void record(JsonNode value) {
            lines.incrementAndGet();
            JsonNode payload = value.has("payload") ? value.get("payload") : value;
            if (value.has("metadata")) {
                deliveriesById
                        .computeIfAbsent(value.get("metadata").get("iggy_id").asString(), id -> new AtomicInteger())
                        .incrementAndGet();
            }
            if (payload.has("seq")) {
                sequences.add(payload.get("seq").asLong());
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
