package io.whippet.server.http;

import io.whippet.server.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Send and poll throughput over HTTP: 1000-byte messages in batches of 1000, one client, on an
 * in-process server. Not a test (no timing assertions); run by hand:
 *
 * <pre>java -cp server/target/test-classes:server/target/classes:$(cat cp.txt) io.whippet.server.http.HttpThroughputBench [batches]</pre>
 */
final class HttpThroughputBench {
    private HttpThroughputBench() {}

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int messagesPerBatch = 1000;
        int payloadBytes = 1000;
        Path dir = Files.createTempDirectory("whippet-http-bench");
        try (Server server = TestServer.start(dir, Map.of("IGGY_TCP_ENABLED", "false"));
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + TestServer.http(server).getPort();
            String login = http.send(
                            json(base + "/users/login", "{\"username\":\"iggy\",\"password\":\"iggy\"}", null),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            String token =
                    Json.MAPPER.readTree(login).get("access_token").get("token").stringValue();
            http.send(json(base + "/streams", "{\"name\":\"bench\"}", token), HttpResponse.BodyHandlers.discarding());
            http.send(
                    json(base + "/streams/bench/topics", "{\"name\":\"t\",\"partitions_count\":1}", token),
                    HttpResponse.BodyHandlers.discarding());

            byte[] payload = new byte[payloadBytes];
            new java.util.Random(1).nextBytes(payload);
            String encoded = Base64.getEncoder().encodeToString(payload);
            var body = new StringBuilder(
                    "{\"partitioning\":{\"kind\":\"partition_id\",\"value\":\"AAAAAA==\"},\"messages\":[");
            for (int i = 0; i < messagesPerBatch; i++) {
                body.append(i == 0 ? "" : ",")
                        .append("{\"payload\":\"")
                        .append(encoded)
                        .append("\"}");
            }
            String batch = body.append("]}").toString();
            HttpRequest send = json(base + "/streams/bench/topics/t/messages", batch, token);

            long start = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                int status =
                        http.send(send, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 201) {
                    throw new IllegalStateException("send: HTTP " + status);
                }
            }
            report("send", batches, messagesPerBatch, payloadBytes, System.nanoTime() - start);
            serverTime(http, base, "POST");

            start = System.nanoTime();
            long polled = 0;
            for (int i = 0; i < batches; i++) {
                HttpRequest poll = HttpRequest.newBuilder(URI.create(base
                                + "/streams/bench/topics/t/messages?partition_id=0&kind=offset&count=1000&value="
                                + (long) i * messagesPerBatch))
                        .header("Authorization", "Bearer " + token)
                        .build();
                HttpResponse<byte[]> response = http.send(poll, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("poll: HTTP " + response.statusCode());
                }
                polled += response.body().length;
            }
            report("poll", batches, messagesPerBatch, payloadBytes, System.nanoTime() - start);
            serverTime(http, base, "GET");
            System.out.printf("poll JSON bytes per batch: %d%n", polled / batches);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static HttpRequest json(String url, String body, @org.jspecify.annotations.Nullable String token) {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /**
     * The server's own time per request on the messages route (from the body being read to the
     * reply being handed to Vert.x, as /metrics records it): the rest of the round trip is transfer
     * and hand-offs.
     */
    private static void serverTime(HttpClient http, String base, String method) throws Exception {
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double sum = 0;
        double count = 0;
        for (String line : metrics.split("\n")) {
            if (line.contains("method=\"" + method + "\"") && line.contains("messages\"")) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                if (line.startsWith("whippet_http_requests_seconds_sum")) {
                    sum += Double.parseDouble(value);
                } else if (line.startsWith("whippet_http_requests_seconds_count")) {
                    count += Double.parseDouble(value);
                }
            }
        }
        System.out.printf("  server time per %s: %.2f ms over %.0f requests%n", method, sum * 1000 / count, count);
    }

    private static void report(String what, int batches, int messages, int payloadBytes, long nanos) {
        double seconds = nanos / 1e9;
        double megabytes = (double) batches * messages * payloadBytes / 1e6;
        System.out.printf(
                "%s: %d batches x %d msgs x %d B in %.2f s = %.1f MB/s payload, %.0f msgs/s%n",
                what, batches, messages, payloadBytes, seconds, megabytes / seconds, batches * messages / seconds);
    }
}
