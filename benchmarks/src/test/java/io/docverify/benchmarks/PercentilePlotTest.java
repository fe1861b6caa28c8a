package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG percentile plots: well-formed XML, both lines with every point, texts escaped; the runner's files. */
class PercentilePlotTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** 1 to 10,000 us, once each (values in nanoseconds, as the harness records them). */
    private static Histogram uniform(long factor) {
        var h = new Histogram(3);
        for (long us = 1; us <= 10_000; us++) {
            h.recordValue(us * 1000 * factor);
        }
        return h;
    }

    @Test
    void thePlotIsWellFormedSvgWithBothLinesAndEveryPoint() throws Exception {
        String svg = PercentilePlot.svg("GetDocument latency", new PercentilePlot.Series("bare server", uniform(1)),
                new PercentilePlot.Series("docverify", uniform(2)));

        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(SVG_NS);
        Map<String, List<double[]>> lines = lines(doc);
        assertThat(lines).containsOnlyKeys("baseline", "docverify");
        assertThat(PercentilePlot.POINTS).isEqualTo(101);
        for (List<double[]> points : lines.values()) {
            assertThat(points).hasSize(PercentilePlot.POINTS);
            for (int k = 1; k < points.size(); k++) {
                assertThat(points.get(k)[0]).as("x grows with the percentile").isGreaterThan(points.get(k - 1)[0]);
                assertThat(points.get(k)[1]).as("latency never falls (SVG y points down)")
                        .isLessThanOrEqualTo(points.get(k - 1)[1]);
            }
        }
        for (int k = 1; k < PercentilePlot.POINTS; k++) {
            assertThat(lines.get("docverify").get(k)[1]).as("twice the latency is drawn higher, point %d", k)
                    .isLessThan(lines.get("baseline").get(k)[1]);
        }
        assertThat(svg).contains(">bare server (10,000 values)<", ">docverify (10,000 values)<", ">99.99%<",
                "latency (ms)");
    }

    @Test
    void thePointsArePercentilesFromZeroTo9999OnALogScale() {
        assertThat(PercentilePlot.percentileOf(0)).isZero();
        assertThat(PercentilePlot.percentileOf(PercentilePlot.STEPS_PER_DECADE)).isCloseTo(90, within());
        assertThat(PercentilePlot.percentileOf(2 * PercentilePlot.STEPS_PER_DECADE)).isCloseTo(99, within());
        assertThat(PercentilePlot.percentileOf(PercentilePlot.POINTS - 1)).isCloseTo(99.99, within());
        long[] values = PercentilePlot.values(uniform(1));
        assertThat(values).hasSize(PercentilePlot.POINTS);
        assertThat(values[PercentilePlot.STEPS_PER_DECADE] / 1000).as("p90 of 1..10,000 us").isBetween(8990L, 9010L);
    }

    @Test
    void aSubMillisecondPlotIsInMicroseconds() throws Exception {
        var fast = new Histogram(3);
        fast.recordValue(150_000);
        fast.recordValue(900_000);
        String svg = PercentilePlot.svg("p50", new PercentilePlot.Series("a", fast), new PercentilePlot.Series("b",
                fast));
        parse(svg);
        assertThat(svg).contains("latency (us)");
        assertThat(PercentilePlot.niceStep(7.3)).isEqualTo(2);
        assertThat(PercentilePlot.niceStep(0.9)).isCloseTo(0.2, within());
    }

    @Test
    void textsAreEscaped() throws Exception {
        String title = "p99 <under> \"attack\" & 'more'";
        String svg = PercentilePlot.svg(title, new PercentilePlot.Series("a < b", uniform(1)),
                new PercentilePlot.Series("c & d", uniform(1)));

        Document doc = parse(svg);
        assertThat(doc.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent()).isEqualTo(title);
        assertThat(lines(doc)).containsOnlyKeys("baseline", "docverify");
        assertThat(svg).doesNotContain("<under>").contains("a &lt; b", "c &amp; d");
    }

    @Test
    void aLongTitleIsWrappedIntoTwoLines() {
        String title = "word ".repeat(40).trim();
        List<String> lines = PercentilePlot.wrap(title);
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(90));
        assertThat(lines.get(1)).endsWith("...");
        assertThat(PercentilePlot.wrap("short")).containsExactly("short");
    }

    @Test
    void anEmptySideIsRefused() {
        assertThatThrownBy(() -> new PercentilePlot.Series("nothing", new Histogram(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing");
    }

    @Test
    void theRunnerMergesTheChildrensHistogramsOverRoundsAndDrawsEachLatencyFigure(@TempDir Path out)
            throws Exception {
        Path histograms = out.resolve("histograms");
        for (String child : List.of("latency-interleaved-r1", "latency-interleaved-r2")) {
            LatencyPlots.write(histograms.resolve(child), "latency", Impl.BARE, uniform(1));
            LatencyPlots.write(histograms.resolve(child), "latency", Impl.DOCVERIFY, uniform(2));
        }
        // One side only: no plot.
        LatencyPlots.write(histograms.resolve("attack-r1"), "attack-p99", Impl.BARE, uniform(1));

        Map<String, Map<Impl, Histogram>> merged = LatencyPlots.read(histograms);
        assertThat(merged.get("latency").get(Impl.BARE).getTotalCount()).isEqualTo(20_000);
        assertThat(merged.get("latency").get(Impl.DOCVERIFY).getMaxValue()).isGreaterThanOrEqualTo(19_990_000);

        String markdown = LatencyPlots.draw(histograms, out.resolve("plots"), out, Map.of());
        assertThat(markdown).contains("### Latency by percentile").contains("](plots/latency.svg)")
                .doesNotContain("attack-p99");
        Path svg = out.resolve("plots").resolve("latency.svg");
        assertThat(out.resolve("plots").resolve("attack-p99.svg")).doesNotExist();
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(lines(parse(text)).get("docverify")).hasSize(PercentilePlot.POINTS);
        assertThat(text).contains("(20,000 values)");

        LatencyPlots.clear(histograms);
        assertThat(histograms).doesNotExist();
        assertThat(LatencyPlots.draw(histograms, out.resolve("plots"), out, Map.of())).isEmpty();
        assertThatThrownBy(() -> LatencyPlots.write(histograms, "get", Impl.BARE, uniform(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** The points (x, y) of each {@code polyline class="series"}, by its {@code data-side}. */
    private static Map<String, List<double[]>> lines(Document doc) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        NodeList polylines = doc.getElementsByTagNameNS(SVG_NS, "polyline");
        for (int i = 0; i < polylines.getLength(); i++) {
            Element line = (Element) polylines.item(i);
            if (!line.getAttribute("class").equals("series")) {
                continue;
            }
            var points = new ArrayList<double[]>();
            for (String point : line.getAttribute("points").trim().split("\\s+")) {
                String[] xy = point.split(",");
                points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
            }
            assertThat(lines.put(line.getAttribute("data-side"), points)).as("one line per side").isNull();
        }
        return lines;
    }
}
