package io.docverify.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link RunAll}'s PostgreSQL figures ({@code --only postgres}), each round in fresh child JVMs
 * ({@link PostgresBench}): the journal's cost per upload and per GetDocument (the service on PostgreSQL against
 * the same service on the in-memory stores, interleaved in one JVM), webhook intake on PostgreSQL's inbox (against
 * the in-memory inbox and the bare endpoint, same run) and review-to-watcher latency across two replicas.
 */
final class PostgresFigure {
    /** The file of the upload figure: 64 KiB, the size of a compressed ID scan (as the Dwolla create figure). */
    static final int FILE_BYTES = 64 * 1024;
    /** Client threads of the throughput figures. */
    static final int THREADS = 4;
    /** Reviews per second of the two-replica figure's load levels. */
    static final int[] RATES = {10, 50, 150};

    private PostgresFigure() {
    }

    static List<Figure> figures() {
        var list = new ArrayList<>(List.of(
                new Figure("pg-upload-thr", "64 KiB UploadDocument throughput, " + THREADS + " closed-loop threads, "
                        + "interleaved 1 s slices (baseline: same service on the in-memory stores; docverify: on "
                        + "PostgreSQL, fsync and synchronous_commit on)", "calls/s", 1, "-", null, null),
                new Figure("pg-upload-p50", "64 KiB UploadDocument p50 latency, 1 thread (same sides)", "us", 1, "-",
                        null, null),
                new Figure("pg-upload-p99", "64 KiB UploadDocument p99 latency, 1 thread (same sides)", "us", 1, "-",
                        null, null),
                new Figure("pg-upload-cpu", "CPU per upload, service and client JVM (PostgreSQL's own processes "
                        + "in the notes)", "us", 1, "-", null, null),
                new Figure("pg-get-thr", "GetDocument throughput, " + THREADS + " closed-loop threads, interleaved "
                        + "(same sides)", "calls/s", 1, "-", null, null),
                new Figure("pg-get-p50", "GetDocument p50 latency, 1 thread (same sides)", "us", 1, "-", null, null),
                new Figure("pg-webhook-thr", "webhook intake throughput, 32 connections, events that need no read "
                        + "(baseline: intake on the in-memory inbox; docverify: on PostgreSQL's inbox)", "req/s", 1,
                        "-", null, null),
                new Figure("pg-webhook-bare", "webhook intake throughput on PostgreSQL's inbox (baseline: bare "
                        + "Vert.x endpoint checking the same HMAC, same run)", "req/s", 1, "-", null, null),
                new Figure("pg-webhook-cpu", "JVM CPU per webhook request (baseline: in-memory inbox; PostgreSQL's "
                        + "own processes in the notes)", "us", 1, "-", null, null)));
        for (int rate : RATES) {
            list.add(new Figure("pg-replicas-p99-" + rate, "review to WatchDocument message on replica B, p99, "
                    + rate + " reviews/s, webhook to replica A (baseline: the watch on A)", "ms", 1000, "<= 100 ms",
                    null, v -> v <= 100_000));
        }
        for (int rate : RATES) {
            list.add(new Figure("pg-replicas-p50-" + rate, "the same, p50, " + rate + " reviews/s (evidence)", "ms",
                    1000, "-", null, null));
        }
        return list;
    }

    /*
     * Warm-ups: 30 s for the gRPC figures (15 per side), 36 s for the webhook one, 300 reviews at 50/s for the
     * replicas: with 10 s, a profile (jstack's per-thread CPU) still showed C2 at 37 % of the JVM's CPU 20 s in.
     */
    static void run(ChildJvms jvms, boolean quick, List<Impl> order, int round, WebhookFigure.Recorder recorder)
            throws IOException, InterruptedException {
        Map<String, String> g = jvms.child("postgres-grpc-r" + round, PostgresBench.class, List.of("grpc",
                Integer.toString(quick ? 2 : THREADS), quick ? "200" : "1000", quick ? "2" : "30", quick ? "4" : "10",
                quick ? "2" : "6", order.get(0).key(), Integer.toString(FILE_BYTES)));
        String pgSettings = g.get("postgres");
        recorder.record("pg-upload-thr", round, num(g, "uploadMemoryPerSecond"), num(g, "uploadPostgresPerSecond"),
                String.format(Locale.ROOT, "%s / %s uploads; journal rows %s; one commit p50 %s us, p99 %s us; %s; load %s",
                        g.get("uploadMemoryCalls"), g.get("uploadPostgresCalls"), g.get("journalRows"),
                        g.get("commitP50us"), g.get("commitP99us"), pgSettings, WebhookFigure.loadAverage()));
        recorder.record("pg-upload-p50", round, num(g, "uploadMemoryP50us"), num(g, "uploadPostgresP50us"),
                String.format(Locale.ROOT, "%s / %s calls", g.get("uploadMemoryLatencyCalls"),
                        g.get("uploadPostgresLatencyCalls")));
        recorder.record("pg-upload-p99", round, num(g, "uploadMemoryP99us"), num(g, "uploadPostgresP99us"), "");
        recorder.record("pg-upload-cpu", round, num(g, "uploadMemoryCpuUsPerCall"),
                num(g, "uploadPostgresCpuUsPerCall"), String.format(Locale.ROOT, "PostgreSQL's processes: %.1f us "
                        + "per upload", num(g, "uploadPostgresServerCpuUsPerCall")));
        recorder.record("pg-get-thr", round, num(g, "getMemoryPerSecond"), num(g, "getPostgresPerSecond"),
                String.format(Locale.ROOT, "CPU per call %.1f / %.1f us, PostgreSQL's processes %.1f us; journal rows "
                        + "before / after the reads %s / %s", num(g, "getMemoryCpuUsPerCall"),
                        num(g, "getPostgresCpuUsPerCall"), num(g, "getPostgresServerCpuUsPerCall"),
                        g.get("journalRows"), g.get("journalRowsAfterGets")));
        recorder.record("pg-get-p50", round, num(g, "getMemoryP50us"), num(g, "getPostgresP50us"), String.format(
                Locale.ROOT, "p99 %s / %s us", g.get("getMemoryP99us"), g.get("getPostgresP99us")));

        Map<String, String> w = jvms.child("postgres-webhook-r" + round, PostgresBench.class, List.of("webhook",
                Integer.toString(WebhookFigure.CONNECTIONS), quick ? "200" : "1000", quick ? "1" : "12",
                quick ? "2" : "8", "64"));
        String counts = String.format(Locale.ROOT, "ok bare / memory / postgres %s / %s / %s, errors %s / %s / %s; "
                + "PostgreSQL inbox rows %s, processed %s", w.get("bareOk"), w.get("memoryOk"), w.get("postgresOk"),
                w.get("bareErrors"), w.get("memoryErrors"), w.get("postgresErrors"), w.get("inboxRows"),
                w.get("inboxProcessed"));
        recorder.record("pg-webhook-thr", round, num(w, "memoryPerSecond"), num(w, "postgresPerSecond"),
                counts + "; one commit p50 " + w.get("commitP50us") + " us, p99 " + w.get("commitP99us") + " us; load "
                        + WebhookFigure.loadAverage());
        recorder.record("pg-webhook-bare", round, num(w, "barePerSecond"), num(w, "postgresPerSecond"), "");
        recorder.record("pg-webhook-cpu", round, num(w, "memoryCpuUsPerRequest"), num(w, "postgresCpuUsPerRequest"),
                String.format(Locale.ROOT, "bare %.1f us; PostgreSQL's processes %.1f us per request on its side",
                        num(w, "bareCpuUsPerRequest"), num(w, "postgresPgCpuUsPerRequest")));

        String rates = String.join(",", java.util.Arrays.stream(RATES).mapToObj(Integer::toString).toList());
        Map<String, String> r = jvms.child("postgres-replicas-r" + round, PostgresBench.class, List.of("replicas",
                quick ? "5" : "300", quick ? "20" : "200", rates));
        for (int rate : RATES) {
            String k = "r" + rate;
            recorder.record("pg-replicas-p99-" + rate, round, num(r, k + "AP99us"), num(r, k + "BP99us"),
                    String.format(Locale.ROOT, "%s reviews at %.0f/s; arrived on A / B %s / %s; max on B %s us; "
                            + "webhooks answered %s, refused %s; sent late p99 %s us, max %s us; GC %s ms; commit "
                            + "p50 %s us; load %s", r.get(k + "Reviews"),
                            num(r, k + "AchievedRate"), r.get(k + "ArrivedA"), r.get(k + "ArrivedB"),
                            r.get(k + "BMaxUs"), r.get(k + "Answered"), r.get(k + "Refused"),
                            r.get(k + "SendLagP99us"), r.get(k + "SendLagMaxUs"), r.get(k + "GcMs"), r.get("commitP50us"),
                            WebhookFigure.loadAverage()));
            recorder.record("pg-replicas-p50-" + rate, round, num(r, k + "AP50us"), num(r, k + "BP50us"), "");
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
