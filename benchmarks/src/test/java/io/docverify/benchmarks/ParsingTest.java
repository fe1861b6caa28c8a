package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pieces of the runner: statistics, result lines, JMH CSV, /proc parsing, options, the table. */
class ParsingTest {

    @Test
    void statsGiveTheMedianAndTheRange() {
        assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(2.0, 1.0, 3.0, 3));
        assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Stats(2.5, 1.0, 4.0, 4));
        assertThat(Stats.of(List.of(7.0))).isEqualTo(new Stats(7.0, 7.0, 7.0, 1));
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultLinesRoundTrip() {
        String line = ResultLine.format("heap", Impl.DOCVERIFY, "perUploadBytes", 1234L, "p99us", 1.5);
        assertThat(line).isEqualTo("RESULT figure=heap impl=docverify perUploadBytes=1234 p99us=1.500");
        assertThat(ResultLine.parse("noise\n" + line + "\nmore noise")).contains(Map.of("figure", "heap",
                "impl", "docverify", "perUploadBytes", "1234", "p99us", "1.500"));
        assertThat(ResultLine.parse("Iteration   4: " + line)).contains(Map.of("figure", "heap",
                "impl", "docverify", "perUploadBytes", "1234", "p99us", "1.500"));
        assertThat(ResultLine.parse("no result here")).isEmpty();
        assertThatThrownBy(() -> ResultLine.format("x", Impl.BARE, "odd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jmhCsvGivesTheScore() {
        var score = JmhCsv.parse("""
                "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: impl"
                "io.docverify.benchmarks.UploadBenchmark.upload","thrpt",1,4,41.251,26.176,"ops/s",docverify
                """);
        assertThat(score).isEqualTo(new JmhCsv.Score(41.251, 26.176, "ops/s"));
        assertThat(JmhCsv.parse("""
                "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: impl"
                "a.b","thrpt",1,1,10.5,NaN,"ops/s",bare
                """).error()).isNaN();
        assertThat(JmhCsv.fields("\"a,b\",\"say \"\"hi\"\"\",3")).containsExactly("a,b", "say \"hi\"", "3");
        assertThatThrownBy(() -> JmhCsv.parse("\"Benchmark\"\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vmRssIsReadInBytes() throws Exception {
        assertThat(ColdStart.parseVmRss("Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  102400 kB\nThreads:\t30\n"))
                .hasValue(100L * 1024 * 1024);
        assertThat(ColdStart.parseVmRss("Name:\tkthread\n")).isEmpty();
        String stat = "1234 (java (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 40 0 0 20 0 30 0 5 0 0";
        assertThat(ColdStart.parseCpuTicks(stat)).isEqualTo(290);
        assertThat(ColdStart.cpuMillis(ProcessHandle.current().pid()).orElseThrow()).isPositive();
        long all = ColdStart.cpuMillis(ProcessHandle.current().pid()).orElseThrow();
        assertThat(ColdStart.mainThreadCpuMillis(ProcessHandle.current().pid()).orElseThrow())
                .isPositive().isLessThanOrEqualTo(all + 10);
        assertThat(ColdStart.rssBytes(ProcessHandle.current().pid()).orElseThrow()).isPositive();
    }

    @Test
    void optionsAreCheckedAndDefaultToEveryFigure() {
        var defaults = RunAll.Options.parse(new String[0]);
        assertThat(defaults.only()).containsExactlyElementsOf(RunAll.ALL);
        assertThat(defaults.rounds()).isEqualTo(3);
        var chosen = RunAll.Options.parse(new String[] {"--rounds", "5", "--only", "get,heap", "--quick"});
        assertThat(chosen.only()).containsExactly("get", "heap");
        assertThat(chosen.rounds()).isEqualTo(5);
        assertThat(chosen.quick()).isTrue();
        assertThat(chosen.jmh()).isFalse();
        assertThat(RunAll.Options.parse(new String[] {"--jmh"}).jmh()).isTrue();
        assertThatThrownBy(() -> RunAll.Options.parse(new String[] {"--only", "speed"}))
                .hasMessageContaining("unknown figure speed");
        assertThatThrownBy(() -> RunAll.Options.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> RunAll.Options.parse(new String[] {"--rounds", "0"}))
                .hasMessageContaining("at least 1");
    }

    @Test
    void theTableShowsMediansRatiosAndWhetherTheTargetIsMet() {
        var figures = new LinkedHashMap<String, Figure>();
        figures.put("get", new Figure("get", "throughput", "calls/s", 1, ">= 0.85x", r -> r >= 0.85, null));
        figures.put("heap", new Figure("heap", "heap", "MiB", 1024 * 1024, "<= 1 MiB", null, v -> v <= 1024 * 1024));
        var samples = new LinkedHashMap<String, List<double[]>>();
        samples.put("get", List.of(new double[] {1000, 900}, new double[] {1000, 800}, new double[] {1000, 700}));
        samples.put("heap", List.of(new double[] {9 * 1024 * 1024, 2 * 1024 * 1024}));
        String table = RunAll.table(figures, samples);
        assertThat(table).contains("| throughput | 1000 calls/s | 800 calls/s | 0.800 (0.700-0.900, 3) | >= 0.85x | **no** |");
        assertThat(table).contains("| heap | 9.00 MiB | 2.00 MiB | 0.222 (0.222-0.222, 1) | <= 1 MiB | **no** |");
        samples.put("get", List.of(new double[] {1000, 900}));
        assertThat(RunAll.table(figures, samples)).contains("| 0.900 (0.900-0.900, 1) | >= 0.85x | yes |");
    }
}
