package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of figure 6b: every expected outcome must actually happen, so a changed error code (the bulkhead once
 * answered {@code ServiceUnavailable}, now {@code TooManyRequests}) fails the build instead of reading "0 of 2".
 */
class DwollaHeapTest {

    @Test
    void everyUploadBeyondTheBulkheadIsCountedAsRefused() throws Exception {
        String line = DwollaHeap.measure(b -> b.maxConcurrentUploads(2), 2, 256 * 1024, 2);
        Map<String, String> result = ResultLine.parse(line).orElseThrow();
        assertThat(result).containsEntry("stillOpen", "2").containsEntry("extra", "2")
                .containsEntry("refusedByBulkhead", "2");
    }
}
