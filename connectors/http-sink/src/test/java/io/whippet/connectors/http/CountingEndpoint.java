package io.whippet.connectors.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal local endpoint for throughput runs: the JDK's HTTP server answering 200 and counting the
 * newline-terminated lines it received, so the endpoint costs as little as possible. Thread-safe.
 */
final class CountingEndpoint implements AutoCloseable {
    final AtomicLong lines = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    CountingEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            long count = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            count++;
                        }
                    }
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            requests.incrementAndGet();
            lines.addAndGet(count);
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
