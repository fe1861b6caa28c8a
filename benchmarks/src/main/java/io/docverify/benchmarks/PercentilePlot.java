package io.docverify.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A latency-by-percentile plot as SVG, drawn the way HdrHistogram's percentile plots are: the x axis is the
 * percentile on a log scale of 1 / (1 - p), 0 % to 99.99 % (a decade per nine), the y axis the latency, linear from
 * 0. One line per side, the baseline and docverify, each {@link #POINTS} points sampled from its histogram (values
 * in nanoseconds, shown in us or ms). Plain string building; every text is XML-escaped.
 */
public final class PercentilePlot {
    /** Points per decade of the x axis (0-90 %, 90-99 %, 99-99.9 %, 99.9-99.99 %). */
    static final int STEPS_PER_DECADE = 25;
    static final int DECADES = 4;
    /** Points of each line: 0 % and every step up to 99.99 %. */
    static final int POINTS = DECADES * STEPS_PER_DECADE + 1;

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 72;
    private static final int RIGHT = 40;
    private static final int TOP = 60;
    /** Characters of a title line (13 px bold sans-serif across the width). */
    private static final int TITLE_CHARS = 90;
    private static final int BOTTOM = 96;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final String[] X_LABELS = {"0%", "90%", "99%", "99.9%", "99.99%"};
    private static final String BASELINE_COLOUR = "#7f7f7f";
    private static final String DOCVERIFY_COLOUR = "#1f5fbf";

    /** One line of the plot: its legend label and the latencies (nanoseconds) it is drawn from. */
    public record Series(String label, Histogram histogram) {
        public Series {
            if (histogram.getTotalCount() == 0) {
                throw new IllegalArgumentException("no values recorded for " + label);
            }
        }
    }

    private PercentilePlot() {
    }

    /** The percentile of point {@code k} (0 to {@link #POINTS} - 1): 100 (1 - 10^(-k / steps per decade)). */
    static double percentileOf(int k) {
        return 100 * (1 - Math.pow(10, -(double) k / STEPS_PER_DECADE));
    }

    /** The latencies (nanoseconds) of the points of {@code histogram}, from 0 % to 99.99 %. */
    static long[] values(Histogram histogram) {
        long[] values = new long[POINTS];
        for (int k = 0; k < POINTS; k++) {
            values[k] = histogram.getValueAtPercentile(percentileOf(k));
        }
        return values;
    }

    /** The whole SVG document. */
    public static String svg(String title, Series baseline, Series docverify) {
        long[] base = values(baseline.histogram());
        long[] ours = values(docverify.histogram());
        double maxNanos = Math.max(base[POINTS - 1], ours[POINTS - 1]);
        boolean micros = maxNanos < 2_000_000;
        double unitNanos = micros ? 1e3 : 1e6;
        double step = niceStep(maxNanos / unitNanos);
        double yMax = Math.max(step, Math.ceil(maxNanos / unitNanos / step) * step);

        var b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        b.append("  <title>").append(escape(title)).append("</title>\n");
        b.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        List<String> titleLines = wrap(title);
        for (int i = 0; i < titleLines.size(); i++) {
            b.append(String.format(Locale.ROOT, "  <text x=\"16\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">"
                    + "%s</text>%n", 20 + 17 * i, escape(titleLines.get(i))));
        }
        grid(b, yMax, step, micros ? "us" : "ms");
        line(b, "baseline", baseline, base, unitNanos, yMax, BASELINE_COLOUR, "6 4");
        line(b, "docverify", docverify, ours, unitNanos, yMax, DOCVERIFY_COLOUR, null);
        legend(b, 0, "baseline", baseline, BASELINE_COLOUR, "6 4");
        legend(b, 1, "docverify", docverify, DOCVERIFY_COLOUR, null);
        b.append("</svg>\n");
        return b.toString();
    }

    private static void grid(StringBuilder b, double yMax, double step, String unit) {
        b.append("  <g class=\"grid\" stroke=\"#dddddd\" stroke-width=\"1\">\n");
        for (int d = 0; d <= DECADES; d++) {
            double x = x(d * STEPS_PER_DECADE);
            b.append(String.format(Locale.ROOT, "    <line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>%n", x, TOP, x,
                    TOP + PLOT_HEIGHT));
        }
        int ticks = (int) Math.round(yMax / step);
        for (int t = 0; t <= ticks; t++) {
            double y = y(t * step, yMax);
            b.append(String.format(Locale.ROOT, "    <line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>%n", LEFT, y,
                    LEFT + PLOT_WIDTH, y));
        }
        b.append("  </g>\n  <g class=\"axes\" fill=\"#333333\">\n");
        for (int d = 0; d <= DECADES; d++) {
            b.append(String.format(Locale.ROOT, "    <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x(d * STEPS_PER_DECADE), TOP + PLOT_HEIGHT + 18, X_LABELS[d]));
        }
        for (int t = 0; t <= ticks; t++) {
            b.append(String.format(Locale.ROOT, "    <text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y(t * step, yMax) + 4, number(t * step)));
        }
        b.append(String.format(Locale.ROOT, "    <text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">percentile "
                + "(log scale of 1/(1-p))</text>%n", LEFT + PLOT_WIDTH / 2.0, TOP + PLOT_HEIGHT + 38));
        b.append(String.format(Locale.ROOT, "    <text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %.1f)\">latency (%s)</text>%n", TOP + PLOT_HEIGHT / 2.0,
                TOP + PLOT_HEIGHT / 2.0, unit));
        b.append("  </g>\n");
    }

    private static void line(StringBuilder b, String side, Series series, long[] values, double unitNanos,
            double yMax, String colour, String dash) {
        List<String> points = new ArrayList<>(POINTS);
        for (int k = 0; k < POINTS; k++) {
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(k), y(values[k] / unitNanos, yMax)));
        }
        b.append(String.format(Locale.ROOT, "  <polyline class=\"series\" data-side=\"%s\" data-label=\"%s\" "
                + "fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n", side, escape(series.label()),
                colour, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", String.join(" ", points)));
    }

    private static void legend(StringBuilder b, int row, String side, Series series, String colour, String dash) {
        int y = HEIGHT - 34 + row * 18;
        b.append(String.format(Locale.ROOT, "  <g class=\"legend\" data-side=\"%s\">%n    <line x1=\"%d\" y1=\"%d\" "
                + "x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", side, LEFT, y - 4, LEFT + 28, y - 4,
                colour, dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
        b.append(String.format(Locale.ROOT, "    <text x=\"%d\" y=\"%d\">%s (%,d values)</text>%n  </g>%n",
                LEFT + 36, y, escape(series.label()), series.histogram().getTotalCount()));
    }

    /** The title in lines of at most {@link #TITLE_CHARS} characters (two at most; a longer one is cut short). */
    static List<String> wrap(String title) {
        List<String> lines = new ArrayList<>();
        var line = new StringBuilder();
        for (String word : title.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > TITLE_CHARS) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        if (lines.size() > 2) {
            String second = String.join(" ", lines.subList(1, lines.size()));
            return List.of(lines.get(0), second.substring(0, TITLE_CHARS - 3) + "...");
        }
        return lines;
    }

    private static double x(int k) {
        return LEFT + (double) k / (POINTS - 1) * PLOT_WIDTH;
    }

    private static double y(double value, double yMax) {
        return TOP + PLOT_HEIGHT - Math.min(value, yMax) / yMax * PLOT_HEIGHT;
    }

    /** A step of 1, 2 or 5 times a power of ten that cuts 0..max into at most 6 intervals. */
    static double niceStep(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max / 6)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (max / (m * power) <= 6) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String number(double v) {
        // Steps are 1, 2 or 5 times a power of ten: three decimals show every tick of a sub-millisecond axis.
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
    }

    /** Text for XML content and attribute values. */
    static String escape(String text) {
        var b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
