package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the sandbox-scale figure at a tiny size: it must really fill the sandbox (the figure checks what the
 * sandbox holds), measure heap in the order it says and time every call it reports. No wall-clock assertion.
 */
class SandboxScaleTest {

    @Test
    void theFigureFillsTheSandboxAndReportsEveryNumber() throws Exception {
        String line = SandboxScale.measure(200, 800, 500);
        Map<String, String> result = ResultLine.parse(line).orElseThrow();

        assertThat(result).containsEntry("figure", "sandbox-scale").containsEntry("owners", "200")
                .containsEntry("documents", "800").containsEntry("getCount", "500").containsEntry("listCount", "500");
        // 800 uploads raised 800 events, all kept by the sandbox's event log.
        assertThat(result).containsEntry("events", "800");
        assertThat(Long.parseLong(result.get("documentsHeapBytes")))
                .isGreaterThan(Long.parseLong(result.get("emptyHeapBytes")));
        for (String key : new String[] {"getP50ns", "getP99ns", "listP50ns", "listP99ns", "smallGetP99ns",
            "smallListP99ns"}) {
            assertThat(Long.parseLong(result.get(key))).as(key).isPositive();
        }
        assertThat(Long.parseLong(result.get("getP99ns"))).isGreaterThanOrEqualTo(Long.parseLong(result.get("getP50ns")));
    }

    @Test
    void moreThanFourDocumentsAnOwnerCannotBeMeasured() {
        assertThatThrownBy(() -> SandboxScale.measure(10, 41, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFiguresAreKnownToTheRunner() {
        assertThat(RunAll.ALL).contains("sandbox-scale");
        assertThat(SandboxScaleFigure.figures()).extracting(Figure::key).containsExactly("sandbox-owner-heap",
                "sandbox-document-heap", "sandbox-get-p99", "sandbox-list-p99");
    }
}
