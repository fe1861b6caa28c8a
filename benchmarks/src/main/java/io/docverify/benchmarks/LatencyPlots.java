package io.docverify.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The percentile plots of the latency figures. A measuring child JVM saves each side's HdrHistogram as an
 * HdrHistogram log ({@code <figure>.<side>.hlog}) in the directory {@link RunAll}'s runner names in the system
 * property {@value #PROPERTY}; the runner merges them per figure and side over the rounds and draws one SVG per
 * figure ({@link PercentilePlot}), shown beside the table of the report.
 */
final class LatencyPlots {
    static final String PROPERTY = "docverify.bench.histograms";
    private static final String SUFFIX = ".hlog";

    /** The figures that have latency histograms, in the report's order, and the legend of each side. */
    static final Map<String, List<String>> LABELS = labels();

    private LatencyPlots() {
    }

    private static Map<String, List<String>> labels() {
        var labels = new LinkedHashMap<String, List<String>>();
        labels.put("latency", List.of("baseline: bare grpc-java server", "docverify (in-memory backend)"));
        labels.put("attack-p99", List.of("baseline: docverify, no attackers", "docverify under attack"));
        labels.put("dwolla-get-p50", List.of("baseline: raw Vert.x Web Client", "docverify Dwolla adapter"));
        labels.put("dwolla-create-p50", List.of("baseline: raw Vert.x Web Client", "docverify Dwolla adapter"));
        labels.put("postgres-upload-p50", List.of("docverify, in-memory stores", "docverify on PostgreSQL"));
        labels.put("postgres-get-p50", List.of("docverify, in-memory stores", "docverify on PostgreSQL"));
        for (int rate : PostgresFigure.RATES) {
            labels.put("postgres-replicas-" + rate, List.of("watch on replica A (received the webhook)",
                    "watch on replica B (through PostgreSQL)"));
        }
        return java.util.Collections.unmodifiableMap(labels);
    }

    /** In a child JVM: saves {@code latencies} (nanoseconds) as one side of {@code figure}, if the runner asks. */
    static void save(String figure, Impl side, Histogram latencies) throws IOException {
        String dir = System.getProperty(PROPERTY);
        if (dir != null) {
            write(Path.of(dir), figure, side, latencies);
        }
    }

    static void write(Path dir, String figure, Impl side, Histogram latencies) throws IOException {
        if (!LABELS.containsKey(figure)) {
            throw new IllegalArgumentException("not a latency figure: " + figure);
        }
        Files.createDirectories(dir);
        try (var out = new PrintStream(Files.newOutputStream(dir.resolve(figure + "." + side.key() + SUFFIX)), false,
                StandardCharsets.UTF_8)) {
            var log = new HistogramLogWriter(out);
            log.outputLogFormatVersion();
            log.outputLegend();
            log.outputIntervalHistogram(latencies);
        }
    }

    /** Every histogram saved under {@code dir} (any depth), merged per figure and side. */
    static Map<String, Map<Impl, Histogram>> read(Path dir) throws IOException {
        Map<String, Map<Impl, Histogram>> merged = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return merged;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        for (Path file : files) {
            String[] name = file.getFileName().toString().split("\\.");
            if (name.length != 3 || !LABELS.containsKey(name[0])) {
                throw new IllegalStateException("unexpected histogram file " + file);
            }
            Histogram into = merged.computeIfAbsent(name[0], k -> new EnumMap<>(Impl.class))
                    .computeIfAbsent(Impl.parse(name[1]), k -> new Histogram(3));
            var reader = new HistogramLogReader(file.toFile());
            for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
                into.add((Histogram) h);
            }
        }
        return merged;
    }

    /** Deletes the histograms of an earlier run in the same output directory. */
    static void clear(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Draws {@code <figure>.svg} into {@code plots} for every latency figure with values on both sides, and returns
     * the Markdown that shows them, paths relative to {@code reportDir}; empty when there is none.
     */
    static String draw(Path histograms, Path plots, Path reportDir, Map<String, Figure> figures) throws IOException {
        Map<String, Map<Impl, Histogram>> all = read(histograms);
        var b = new StringBuilder();
        for (var entry : LABELS.entrySet()) {
            Map<Impl, Histogram> sides = all.get(entry.getKey());
            if (sides == null || sides.size() != 2 || sides.values().stream().anyMatch(h -> h.getTotalCount() == 0)) {
                continue;
            }
            Figure figure = figures.get(entry.getKey());
            String title = figure == null ? entry.getKey() : figure.title();
            Files.createDirectories(plots);
            Path svg = plots.resolve(entry.getKey() + ".svg");
            Files.writeString(svg, PercentilePlot.svg(title,
                    new PercentilePlot.Series(entry.getValue().get(0), sides.get(Impl.BARE)),
                    new PercentilePlot.Series(entry.getValue().get(1), sides.get(Impl.DOCVERIFY))),
                    StandardCharsets.UTF_8);
            String link = reportDir.toAbsolutePath().relativize(svg.toAbsolutePath()).toString().replace('\\', '/');
            b.append("\n![").append(title.replace("]", ")").replace("[", "(")).append("](").append(link)
                    .append(")\n");
        }
        return b.length() == 0 ? "" : "\n### Latency by percentile (all rounds merged)\n" + b;
    }
}
