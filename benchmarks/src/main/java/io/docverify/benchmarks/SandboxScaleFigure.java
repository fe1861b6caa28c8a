package io.docverify.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RunAll}'s sandbox-scale figures ({@code --only sandbox-scale}), each round in a fresh child JVM
 * ({@link SandboxScale}) with a 2 GiB heap: heap per owner and per document with 1,000,000 documents over 250,000
 * owners (the default caps; baseline: the same at a tenth of the size), and {@code get} / {@code list} latency at
 * that size (baseline: a sandbox of 100 owners and 400 documents in the same JVM). The targets say the default caps
 * fit a 2 GiB heap with room to spare and that a read stays far below a network call's time.
 */
final class SandboxScaleFigure {
    static final int OWNERS = 250_000;
    static final int DOCUMENTS = 1_000_000;
    /** The heap of the child JVM: what the README suggests for a sandbox at the default caps. */
    static final List<String> JVM_ARGS = List.of("-Xms2g", "-Xmx2g");

    private SandboxScaleFigure() {
    }

    static List<Figure> figures() {
        return List.of(
                new Figure("sandbox-owner-heap", "sandbox heap per owner, " + OWNERS + " owners (baseline: per owner "
                        + "at a tenth)", "B", 1, "<= 2 KiB", null, v -> v <= 2048),
                new Figure("sandbox-document-heap", "sandbox heap per document, " + DOCUMENTS + " documents over "
                        + OWNERS + " owners (baseline: per document at a tenth)", "B", 1, "<= 1 KiB", null,
                        v -> v <= 1024),
                new Figure("sandbox-get-p99", "in-process GetDocument p99 at " + DOCUMENTS + " documents (baseline: "
                        + "100 owners, 400 documents)", "us", 1000, "<= 50 us", null, v -> v <= 50_000),
                new Figure("sandbox-list-p99", "in-process ListDocuments p99 at " + OWNERS + " owners (baseline: "
                        + "100 owners)", "us", 1000, "<= 50 us", null, v -> v <= 50_000));
    }

    static void run(ChildJvms jvms, boolean quick, int round, WebhookFigure.Recorder recorder)
            throws IOException, InterruptedException {
        int owners = quick ? OWNERS / 10 : OWNERS;
        int documents = quick ? DOCUMENTS / 10 : DOCUMENTS;
        Map<String, String> r = jvms.child("sandbox-scale-r" + round, SandboxScale.class, List.of(
                Integer.toString(owners), Integer.toString(documents), quick ? "20000" : "200000"), JVM_ARGS);
        String heap = String.format(Locale.ROOT, "heap %s empty, %s with the owners, %s with the documents (max %s); "
                + "the event log holds %s events", r.get("emptyHeapBytes"), r.get("ownersHeapBytes"),
                r.get("documentsHeapBytes"), r.get("maxHeapBytes"), r.get("events"));
        recorder.record("sandbox-owner-heap", round, num(r, "perOwnerTenthBytes"), num(r, "perOwnerBytes"), heap);
        recorder.record("sandbox-document-heap", round, num(r, "perDocumentTenthBytes"), num(r, "perDocumentBytes"),
                "");
        recorder.record("sandbox-get-p99", round, num(r, "smallGetP99ns"), num(r, "getP99ns"), String.format(
                Locale.ROOT, "p50 %s / %s ns; %s calls", r.get("smallGetP50ns"), r.get("getP50ns"), r.get("getCount")));
        recorder.record("sandbox-list-p99", round, num(r, "smallListP99ns"), num(r, "listP99ns"), String.format(
                Locale.ROOT, "p50 %s / %s ns; %s calls", r.get("smallListP50ns"), r.get("listP50ns"),
                r.get("listCount")));
    }

    private static double num(Map<String, String> result, String key) {
        String v = result.get(key);
        if (v == null) {
            throw new IllegalStateException("no " + key + " in " + result);
        }
        return Double.parseDouble(v);
    }
}
