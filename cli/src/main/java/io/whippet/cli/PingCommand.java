package io.whippet.cli;

import io.whippet.client.BlockingClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code whippet ping [-c N]}: round-trip times of N pings over one connection (opened before the
 * first ping, so connecting is not counted), then min, average and max. Needs no login.
 */
@Command(name = "ping", description = "Measure round-trip times to the server.", mixinStandardHelpOptions = true)
final class PingCommand extends ServerCommand {
    @Option(
            names = {"-c", "--count"},
            description = "pings to send (default: 1)")
    int count = 1;

    @Override
    boolean loginRequired() {
        return false;
    }

    @Override
    void run(BlockingClient client, Printer out) {
        if (count < 1) {
            throw new UsageException("count: " + count + " (expected: >= 1)");
        }
        List<Double> roundTripsMs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long started = System.nanoTime();
            client.ping();
            double ms = (System.nanoTime() - started) / 1e6;
            roundTripsMs.add(ms);
            out.info(String.format(Locale.ROOT, "Ping %d: %.3f ms", i, ms));
        }
        double min =
                roundTripsMs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max =
                roundTripsMs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double average =
                roundTripsMs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (out.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("count", count);
            json.put("round_trips_ms", roundTripsMs);
            json.put("min_ms", min);
            json.put("avg_ms", average);
            json.put("max_ms", max);
            out.json(json);
            return;
        }
        if (count > 1) {
            out.info(String.format(
                    Locale.ROOT, "%d pings: min %.3f ms, avg %.3f ms, max %.3f ms", count, min, average, max));
        }
    }
}
