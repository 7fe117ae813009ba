package io.whippet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html}: a self-contained page (inline SVG, no scripts or network) with throughput
 * and latency over time per role (moving average of {@link #WINDOW} samples), the latency
 * distribution, and the summary tables.
 */
final class HtmlReport {
    static final int WINDOW = 20;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int WIDTH = 860;
    private static final int HEIGHT = 280;
    private static final int PAD = 50;

    private HtmlReport() {}

    record Line(String label, double[] values) {}

    static String render(BenchReport report) {
        BenchParams params = report.params();
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Whippet bench: ")
                .append(params.kind().cliName())
                .append("</title><style>body{font-family:sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:right}th{background:#f4f4f4}svg{background:#fff;border:1px solid #ddd}"
                        + "</style></head><body>");
        html.append("<h1>Whippet bench: ")
                .append(params.kind().cliName())
                .append("</h1><p>")
                .append(escape(String.format(
                        Locale.ROOT,
                        "%d producers, %d consumers, %d streams, %d partitions per topic; %d × %d B per batch, %d batches per "
                                + "actor; %s API over %s; run %s at %s",
                        params.topology().producers(),
                        params.topology().consumers(),
                        params.topology().streams(),
                        params.topology().partitions(),
                        params.workload().messagesPerBatch(),
                        params.workload().messageSizeBytes(),
                        params.workload().batchesPerActor(),
                        params.highLevelApi() ? "high-level" : "low-level",
                        params.connection().label(),
                        report.uuid(),
                        report.timestamp())))
                .append("</p>");
        double bucketSeconds = params.samplingMs() / 1000.0;
        List<Line> throughput = new ArrayList<>();
        List<Line> latency = new ArrayList<>();
        for (GroupSummary group : report.groups()) {
            throughput.add(new Line(
                    group.role().title(),
                    TimeSeries.movingAverage(group.series().throughputMegabytesPerSecond(), WINDOW)));
            latency.add(new Line(
                    group.role().title(),
                    TimeSeries.movingAverage(group.series().averageLatencyMs(), WINDOW)));
        }
        html.append("<h2>Throughput over time (MB/s)</h2>").append(lineChart(throughput, bucketSeconds, "s", "MB/s"));
        html.append("<h2>Average batch latency over time (ms)</h2>")
                .append(lineChart(latency, bucketSeconds, "s", "ms"));
        html.append("<h2>Latency distribution (ms)</h2>").append(distributionChart(report.groups()));
        html.append("<h2>Summary</h2><table><tr><th>role</th><th>actors</th><th>MB/s total</th><th>MB/s avg</th>"
                + "<th>msg/s total</th><th>msg/s avg</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th>"
                + "<th>p999</th><th>p9999</th><th>avg</th><th>min</th><th>max</th><th>std dev</th></tr>");
        for (GroupSummary group : report.groups()) {
            LatencySummary l = group.latency();
            html.append(row(
                    group.role().title(),
                    Integer.toString(group.actors()),
                    fixed(group.totalMegabytesPerSecond()),
                    fixed(group.averageMegabytesPerSecond()),
                    whole(group.totalMessagesPerSecond()),
                    whole(group.averageMessagesPerSecond()),
                    fixed(l.p50Ms()),
                    fixed(l.p90Ms()),
                    fixed(l.p95Ms()),
                    fixed(l.p99Ms()),
                    fixed(l.p999Ms()),
                    fixed(l.p9999Ms()),
                    fixed(l.averageMs()),
                    fixed(l.minMs()),
                    fixed(l.maxMs()),
                    fixed(l.stdDevMs())));
        }
        html.append("</table><h2>Actors</h2><table><tr><th>actor</th><th>messages</th><th>MB/s</th><th>msg/s</th>"
                + "<th>p50 ms</th><th>p99 ms</th><th>max ms</th></tr>");
        for (ActorResult actor : report.actors()) {
            LatencySummary l = LatencySummary.of(actor.latencyMicros());
            html.append(row(
                    actor.role().name().toLowerCase(Locale.ROOT) + " " + actor.actorId(),
                    Long.toString(actor.messages()),
                    fixed(actor.megabytesPerSecond()),
                    whole(actor.messagesPerSecond()),
                    fixed(l.p50Ms()),
                    fixed(l.p99Ms()),
                    fixed(l.maxMs())));
        }
        html.append("</table></body></html>\n");
        return html.toString();
    }

    /** A line chart of series sampled every {@code xStep} units, y from 0 to the largest value. */
    static String lineChart(List<Line> lines, double xStep, String xUnit, String yUnit) {
        int points = 0;
        double maxY = 0;
        for (Line line : lines) {
            points = Math.max(points, line.values().length);
            for (double value : line.values()) {
                if (!Double.isNaN(value)) {
                    maxY = Math.max(maxY, value);
                }
            }
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        double maxX = Math.max(1, points - 1) * xStep;
        StringBuilder svg = frame(maxX, maxY, xUnit, yUnit);
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < line.values().length; i++) {
                double value = line.values()[i];
                if (Double.isNaN(value)) {
                    continue;
                }
                path.append(path.isEmpty() ? "M" : " L")
                        .append(coordinate(x(i * xStep, maxX)))
                        .append(',')
                        .append(coordinate(y(value, maxY)));
            }
            svg.append("<path fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                    .append(colour(l))
                    .append("\" d=\"")
                    .append(path)
                    .append("\"/>");
            legend(svg, l, line.label());
        }
        return svg.append("</svg>").toString();
    }

    private static String distributionChart(List<GroupSummary> groups) {
        String[] labels = {"p50", "p90", "p95", "p99", "p999", "p9999", "max"};
        List<Line> lines = new ArrayList<>();
        double maxY = 0;
        for (GroupSummary group : groups) {
            LatencySummary l = group.latency();
            double[] values = {l.p50Ms(), l.p90Ms(), l.p95Ms(), l.p99Ms(), l.p999Ms(), l.p9999Ms(), l.maxMs()};
            lines.add(new Line(group.role().title(), values));
            for (double value : values) {
                maxY = Math.max(maxY, value);
            }
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        StringBuilder svg = frame(labels.length - 1, maxY, "", "ms");
        for (int i = 0; i < labels.length; i++) {
            svg.append("<text font-size=\"11\" text-anchor=\"middle\" x=\"")
                    .append(coordinate(x(i, labels.length - 1)))
                    .append("\" y=\"")
                    .append(HEIGHT - PAD + 28)
                    .append("\">")
                    .append(labels[i])
                    .append("</text>");
        }
        for (int l = 0; l < lines.size(); l++) {
            StringBuilder path = new StringBuilder();
            double[] values = lines.get(l).values();
            for (int i = 0; i < values.length; i++) {
                path.append(i == 0 ? "M" : " L")
                        .append(coordinate(x(i, labels.length - 1)))
                        .append(',')
                        .append(coordinate(y(values[i], maxY)));
                svg.append("<circle r=\"3\" fill=\"")
                        .append(colour(l))
                        .append("\" cx=\"")
                        .append(coordinate(x(i, labels.length - 1)))
                        .append("\" cy=\"")
                        .append(coordinate(y(values[i], maxY)))
                        .append("\"/>");
            }
            svg.append("<path fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                    .append(colour(l))
                    .append("\" d=\"")
                    .append(path)
                    .append("\"/>");
            legend(svg, l, lines.get(l).label());
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder frame(double maxX, double maxY, String xUnit, String yUnit) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\">");
        for (int tick = 0; tick <= 4; tick++) {
            double value = maxY * tick / 4;
            double yPos = y(value, maxY);
            svg.append("<line stroke=\"#eee\" x1=\"")
                    .append(PAD)
                    .append("\" x2=\"")
                    .append(WIDTH - PAD)
                    .append("\" y1=\"")
                    .append(coordinate(yPos))
                    .append("\" y2=\"")
                    .append(coordinate(yPos))
                    .append("\"/><text font-size=\"11\" text-anchor=\"end\" x=\"")
                    .append(PAD - 4)
                    .append("\" y=\"")
                    .append(coordinate(yPos + 4))
                    .append("\">")
                    .append(short3(value))
                    .append("</text>");
            if (!xUnit.isEmpty()) {
                double xValue = maxX * tick / 4;
                svg.append("<text font-size=\"11\" text-anchor=\"middle\" x=\"")
                        .append(coordinate(x(xValue, maxX)))
                        .append("\" y=\"")
                        .append(HEIGHT - PAD + 16)
                        .append("\">")
                        .append(short3(xValue))
                        .append(' ')
                        .append(xUnit)
                        .append("</text>");
            }
        }
        svg.append("<text font-size=\"11\" x=\"4\" y=\"14\">")
                .append(escape(yUnit))
                .append("</text>");
        svg.append("<line stroke=\"#888\" x1=\"")
                .append(PAD)
                .append("\" y1=\"")
                .append(HEIGHT - PAD)
                .append("\" x2=\"")
                .append(WIDTH - PAD)
                .append("\" y2=\"")
                .append(HEIGHT - PAD)
                .append("\"/>");
        return svg;
    }

    private static void legend(StringBuilder svg, int index, String label) {
        int top = 12 + 16 * index;
        svg.append("<rect width=\"10\" height=\"10\" fill=\"")
                .append(colour(index))
                .append("\" x=\"")
                .append(WIDTH - PAD - 170)
                .append("\" y=\"")
                .append(top)
                .append("\"/><text font-size=\"12\" x=\"")
                .append(WIDTH - PAD - 155)
                .append("\" y=\"")
                .append(top + 9)
                .append("\">")
                .append(escape(label))
                .append("</text>");
    }

    private static double x(double value, double maxX) {
        return PAD + value / maxX * (WIDTH - 2 * PAD);
    }

    private static double y(double value, double maxY) {
        return HEIGHT - PAD - value / maxY * (HEIGHT - 2 * PAD);
    }

    private static String colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String short3(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String row(String... cells) {
        StringBuilder row = new StringBuilder("<tr>");
        for (String cell : cells) {
            row.append("<td>").append(escape(cell)).append("</td>");
        }
        return row.append("</tr>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
