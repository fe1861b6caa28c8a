package io.docverify.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RunAll}'s webhook figures ({@code --only webhook}), each round in fresh child JVMs ({@link WebhookBench}):
 * intake throughput against the bare HMAC-checking endpoint, and review-to-watcher latency (its "baseline"
 * column is the webhook POST's own answer time, for reference; the target is absolute).
 */
final class WebhookFigure {
    /** Connections (and requests in flight) of the throughput figure. */
    static final int CONNECTIONS = 32;

    /** Where a round's numbers go: figure, round, baseline, docverify, notes. */
    interface Recorder {
        void record(String figure, int round, double baseline, double ours, String detail);
    }

    private WebhookFigure() {
    }

    static List<Figure> figures() {
        return List.of(
                new Figure("webhook", "webhook intake throughput (verified, deduped, recorded, answered; each event's "
                        + "document read after the answer, as for an event that may be news), " + CONNECTIONS
                        + " connections (baseline: bare Vert.x endpoint checking the same HMAC)", "req/s", 1,
                        ">= 0.80x", r -> r >= 0.80, null),
                new Figure("webhook-no-read", "webhook intake throughput, events that cannot be news (their "
                        + "documents remembered: processed without a read), " + CONNECTIONS + " connections (same "
                        + "baseline; evidence of the intake's own cost)", "req/s", 1, "-", null, null),
                new Figure("webhook-watch-p99", "webhook POST to WatchDocument message, p99, one review at a time "
                        + "(baseline: the POST's answer p99)", "ms", 1000, "<= 25 ms", null, v -> v <= 25_000),
                new Figure("webhook-events-p99", "webhook POST to WatchEvents message, p99 (baseline: the POST's "
                        + "answer p99; evidence, no target)", "ms", 1000, "-", null, null));
    }

    static void run(ChildJvms jvms, boolean quick, List<Impl> order, int round, Recorder recorder)
            throws IOException, InterruptedException {
        for (String known : List.of("1", "64")) {
            // 1: only the last of the 64 documents is remembered, so every event reads its document.
            Map<String, String> t = jvms.child("webhook-known" + known + "-r" + round, WebhookBench.class,
                    List.of("throughput", Integer.toString(CONNECTIONS), "1000", quick ? "2" : "20", quick ? "2" : "10",
                            order.get(0).key(), WebhookLoad.TOPIC, known));
            recorder.record(known.equals("1") ? "webhook" : "webhook-no-read", round, num(t, "barePerSecond"),
                    num(t, "docverifyPerSecond"), String.format(Locale.ROOT, "%s / %s ok, errors %s / %s; CPU per "
                            + "request %.1f / %.1f us; document reads %s; intake accepted %s, processed %s (unchanged "
                            + "%s, failed %s); load %s", t.get("bareOk"), t.get("docverifyOk"), t.get("bareErrors"),
                            t.get("docverifyErrors"), num(t, "bareCpuUsPerRequest"), num(t, "docverifyCpuUsPerRequest"),
                            t.get("documentReadsMeasured"), t.get("accepted"), t.get("processedAll"),
                            t.get("processedUnchanged"), t.get("processedFailed"), loadAverage()));
        }
        Map<String, String> l = jvms.child("webhook-watch-r" + round, WebhookBench.class, List.of("latency",
                quick ? "20" : "100", quick ? "50" : "400"));
        recorder.record("webhook-watch-p99", round, num(l, "answerP99us"), num(l, "watchP99us"),
                String.format(Locale.ROOT, "%s reviews; p50 answer %s us, watch %s us; max %s us; load %s",
                        l.get("reviews"), l.get("answerP50us"), l.get("watchP50us"), l.get("watchMaxUs"),
                        loadAverage()));
        recorder.record("webhook-events-p99", round, num(l, "answerP99us"), num(l, "eventsP99us"),
                String.format(Locale.ROOT, "%s events; p50 %s us", l.get("eventsCount"), l.get("eventsP50us")));
    }

    /** The 1, 5 and 15 minute load averages now, e.g. {@code 2.10/1.95/1.80}. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double num(Map<String, String> result, String key) {
        String v = result.get(key);
        if (v == null) {
            throw new IllegalStateException("no " + key + " in " + result);
        }
        return Double.parseDouble(v);
    }
}
