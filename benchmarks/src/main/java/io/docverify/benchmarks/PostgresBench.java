package io.docverify.benchmarks;

import io.docverify.adapter.postgres.PostgresConfig;
import io.docverify.domain.DocumentId;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.DocumentServiceProto.GetDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.UploadDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentResponse;
import io.docverify.ports.contract.TestFiles;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The PostgreSQL figures (issue 11), each mode in one JVM with one real PostgreSQL ({@link BenchPostgres}: durability
 * on). In the gRPC and webhook modes the same service runs twice side by side, on the in-memory stores and on
 * PostgreSQL's ({@code DOCVERIFY_DATABASE_URL}), measured interleaved by the same client; in the result lines the
 * {@code bare*} keys of {@link Interleaved} are the in-memory side ({@link Impl#BARE}) and the {@code docverify*}
 * keys the PostgreSQL side ({@link Impl#DOCVERIFY}).
 *
 * <ul>
 * <li>{@code grpc THREADS SLICE_MS WARMUP MEASURED LATENCY_SLICES FIRST FILE_BYTES}: {@code UploadDocument} of a
 * PNG of {@code FILE_BYTES} (a new owner per upload, no idempotency key: two journal writes, start and end) and
 * {@code GetDocument} of one document, each: throughput with {@code THREADS} closed-loop threads ({@link Interleaved},
 * A B B A slices), then p50/p99 with one thread. In-memory backend on both sides (sandbox reviews off).</li>
 * <li>{@code webhook CONNECTIONS SLICE_MS WARMUP MEASURED KNOWN}: signed webhooks ({@link WebhookLoad}) to three
 * endpoints in rotating slices (A B C, C B A, ...): the {@link BareWebhookServer}, the intake on the in-memory inbox
 * and the intake on PostgreSQL's, both on the {@code dwolla} backend against one Dwolla test server
 * ({@code KNOWN}: documents remembered, 64 = no read after the answer). An optional {@code SIDES}
 * ({@code bare,memory,postgres}) measures only those, for a profile of one.</li>
 * <li>{@code replicas WARMUP COUNT RATE[,RATE...]}: two replicas (A, B) on one database and one Dwolla test server;
 * after {@code WARMUP} reviews at {@value #WARMUP_RATE}/s (not recorded), per rate, {@code COUNT} documents each with a WatchDocument on A and on B, then reviews at that rate (open
 * loop: review {@code i} due at start + i/rate): the review at the test server, then its signed
 * {@code _approved} webhook POSTed to A. Latency from the due time to the ACCEPTED message on A (same replica) and
 * on B (through the journal and NOTIFY).</li>
 * </ul>
 */
public final class PostgresBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private PostgresBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> result = switch (args[0]) {
            case "grpc" -> grpc(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Impl.parse(args[6]),
                    Integer.parseInt(args[7]));
            case "webhook" -> webhook(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args[5], args.length > 6 ? List.of(args[6].split(",")) : INTAKES);
            case "replicas" -> replicas(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    java.util.Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray());
            default -> throw new IllegalArgumentException("grpc, webhook or replicas, not " + args[0]);
        };
        System.out.println(line("postgres-" + args[0], result));
        System.exit(0);
    }

    static String line(String figure, Map<String, Object> result) {
        List<Object> pairs = new ArrayList<>();
        result.forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return ResultLine.format(figure, Impl.DOCVERIFY, pairs.toArray());
    }

    /** The environment of the gRPC figures' servers: the benchmark's, sandbox reviews off (only uploads journaled). */
    private static Map<String, String> grpcEnvironment() {
        var env = DocverifyBenchServer.environment();
        env.put("DOCVERIFY_SANDBOX_REVIEW_DELAY", "1h");
        return env;
    }

    // ---------------------------------------------------------------- gRPC: UploadDocument and GetDocument

    static Map<String, Object> grpc(int threads, long slice, int warmup, int measured, int latencySlices,
            Impl first, int fileBytes) throws Exception {
        var out = new LinkedHashMap<String, Object>();
        try (BenchPostgres pg = BenchPostgres.start()) {
            PostgresConfig database = pg.newDatabase();
            describeServer(pg, out);
            try (DocverifyBenchServer memory = DocverifyBenchServer.start(grpcEnvironment());
                    DocverifyBenchServer durable = DocverifyBenchServer.start(BenchPostgres.withDatabase(
                            grpcEnvironment(), database, "bench-postgres"));
                    BenchClient toMemory = new BenchClient(memory.port());
                    BenchClient toDurable = new BenchClient(durable.port())) {
                if (!durable.server().stores().durable() || memory.server().stores().durable()) {
                    throw new IllegalStateException("the PostgreSQL side must run on PostgreSQL, the other in memory");
                }
                Map<Impl, DocverifyBenchServer> servers = Map.of(Impl.BARE, memory, Impl.DOCVERIFY, durable);
                Map<Impl, BenchClient> clients = Map.of(Impl.BARE, toMemory, Impl.DOCVERIFY, toDurable);
                List<UploadDocumentRequest> chunks = Upload.chunks(TestFiles.png(fileBytes), Fixture.CHUNK_BYTES);
                Map<Impl, ConcurrentLinkedQueue<String>> owners = Map.of(Impl.BARE, new ConcurrentLinkedQueue<>(),
                        Impl.DOCVERIFY, new ConcurrentLinkedQueue<>());
                int pool = Math.min(30_000, (int) Math.max(200, (warmup + measured) * slice * 3));
                for (Impl side : Impl.values()) {
                    servers.get(side).newUploaders(pool).forEach(id -> owners.get(side).add(id.value()));
                }
                var latency = Map.<Impl, Histogram>of(Impl.BARE, new ConcurrentHistogram(3), Impl.DOCVERIFY,
                        new ConcurrentHistogram(3));
                var recording = new AtomicBoolean();
                var documents = new ConcurrentHashMap<Impl, String>();
                Interleaved.Operation upload = side -> {
                    String owner = owners.get(side).poll();
                    if (owner == null) {
                        owner = servers.get(side).newUploader().value();
                    }
                    long start = System.nanoTime();
                    UploadDocumentResponse answer = Upload.start(clients.get(side).async(), Upload.passport(owner),
                            chunks).result().get(60, TimeUnit.SECONDS);
                    long took = System.nanoTime() - start;
                    if (answer.getDocument().getId().isEmpty()) {
                        throw new IllegalStateException("an upload without a document");
                    }
                    documents.putIfAbsent(side, answer.getDocument().getId());
                    if (recording.get()) {
                        latency.get(side).recordValue(took);
                    }
                };
                measure(out, "upload", upload, threads, slice, warmup, measured, latencySlices, first, latency,
                        recording, pg);
                long journalRows = count(database, "SELECT count(*) FROM journal");
                out.put("journalRows", journalRows);

                Map<Impl, GetDocumentRequest> get = Map.of(
                        Impl.BARE, GetDocumentRequest.newBuilder().setDocumentId(documents.get(Impl.BARE)).build(),
                        Impl.DOCVERIFY, GetDocumentRequest.newBuilder().setDocumentId(documents.get(Impl.DOCVERIFY))
                                .build());
                latency.values().forEach(Histogram::reset);
                recording.set(false);
                Interleaved.Operation read = side -> {
                    long start = System.nanoTime();
                    clients.get(side).blocking().withDeadlineAfter(30, TimeUnit.SECONDS).getDocument(get.get(side));
                    if (recording.get()) {
                        latency.get(side).recordValue(System.nanoTime() - start);
                    }
                };
                measure(out, "get", read, threads, slice, warmup, measured, latencySlices, first, latency,
                        recording, pg);
                out.put("journalRowsAfterGets", count(database, "SELECT count(*) FROM journal"));
            }
        }
        return out;
    }

    /** Throughput (warm-up run, then a measured run, PostgreSQL's CPU over the latter), then 1-thread latency. */
    private static void measure(Map<String, Object> out, String op, Interleaved.Operation operation, int threads,
            long slice, int warmup, int measured, int latencySlices, Impl first, Map<Impl, Histogram> latency,
            AtomicBoolean recording, BenchPostgres pg) throws Exception {
        if (warmup > 0) {
            new Interleaved().run(operation, threads, slice, warmup, 0, first);
        }
        long pgBefore = pg.cpuNanos();
        var throughput = new Interleaved().run(operation, threads, slice, 0, measured, first);
        long pgCpu = pg.cpuNanos() - pgBefore;
        recording.set(true);
        // At least two slices: one per side (A B ...).
        var single = new Interleaved().run(operation, 1, slice, 0, Math.max(2, latencySlices), first);
        recording.set(false);
        var m = throughput.get(Impl.BARE);
        var p = throughput.get(Impl.DOCVERIFY);
        Histogram lm = latency.get(Impl.BARE);
        Histogram lp = latency.get(Impl.DOCVERIFY);
        LatencyPlots.save("postgres-" + op + "-p50", Impl.BARE, lm);
        LatencyPlots.save("postgres-" + op + "-p50", Impl.DOCVERIFY, lp);
        out.put(op + "MemoryCalls", m.calls());
        out.put(op + "PostgresCalls", p.calls());
        out.put(op + "MemoryPerSecond", m.perSecond());
        out.put(op + "PostgresPerSecond", p.perSecond());
        out.put(op + "MemoryCpuUsPerCall", m.cpuMicrosPerCall());
        out.put(op + "PostgresCpuUsPerCall", p.cpuMicrosPerCall());
        // PostgreSQL's own processes during the measured run (idle during the in-memory side's slices).
        out.put(op + "PostgresServerCpuUsPerCall", pgCpu < 0 ? Double.NaN : pgCpu / 1000.0 / Math.max(1, p.calls()));
        out.put(op + "MemoryP50us", lm.getValueAtPercentile(50) / 1000.0);
        out.put(op + "PostgresP50us", lp.getValueAtPercentile(50) / 1000.0);
        out.put(op + "MemoryP99us", lm.getValueAtPercentile(99) / 1000.0);
        out.put(op + "PostgresP99us", lp.getValueAtPercentile(99) / 1000.0);
        out.put(op + "MemoryLatencyCalls", single.get(Impl.BARE).calls());
        out.put(op + "PostgresLatencyCalls", single.get(Impl.DOCVERIFY).calls());
    }

    static long count(PostgresConfig database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:" + database.url(), database.user(),
                database.password()); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- webhook intake: bare, in-memory, PostgreSQL

    /** The webhook figure's three endpoints, in the order of the result keys. */
    static final List<String> INTAKES = List.of("bare", "memory", "postgres");

    static Map<String, Object> webhook(int connections, long slice, int warmup, int measured, String known,
            List<String> sides) throws Exception {
        var out = new LinkedHashMap<String, Object>();
        try (BenchPostgres pg = BenchPostgres.start(); DwollaTestServer dwolla = DwollaBench.startServer()) {
            PostgresConfig database = pg.newDatabase();
            describeServer(pg, out);
            String base = dwolla.baseUrl();
            // The documents first: each intake's reconciliation at start then applies their events, and is awaited
            // before the load, so that it neither competes with the load nor adds rows while they are counted.
            int documents = 64;
            List<String> customers = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                customers.add(DwollaBench.newCustomer(dwolla));
                ids.add(WebhookBench.newDocument(dwolla, customers.get(i)));
            }
            try (DocverifyBenchServer memory = DocverifyBenchServer.start(WebhookBench.environment(base, known));
                    DocverifyBenchServer durable = DocverifyBenchServer.start(BenchPostgres.withDatabase(
                            WebhookBench.environment(base, known), database, "bench-postgres"));
                    BareWebhookServer bare = BareWebhookServer.start(WebhookBench.WEBHOOK_SECRET)) {
                reconciled(memory);
                out.put("postgresReconciled", reconciled(durable));
                java.util.function.LongFunction<byte[]> body = n -> WebhookLoad.event(WebhookLoad.newEventId(),
                        WebhookLoad.TOPIC, ids.get((int) (n % documents)), customers.get((int) (n % documents)), base);
                int[] ports = {bare.port(), memory.server().webhookPort().orElseThrow(),
                        durable.server().webhookPort().orElseThrow()};
                List<WebhookLoad> loads = new ArrayList<>();
                try {
                    for (int port : ports) {
                        loads.add(new WebhookLoad(port, WebhookBench.PATH, connections, WebhookBench.WEBHOOK_SECRET));
                    }
                    long[] ok = new long[3];
                    long[] errors = new long[3];
                    long[] nanos = new long[3];
                    long[] cpu = new long[3];
                    long[] pgCpu = new long[3];
                    List<String> slices = new ArrayList<>();
                    for (int s = 0; s < warmup + measured; s++) {
                        int[] order = s % 2 == 0 ? new int[] {0, 1, 2} : new int[] {2, 1, 0};
                        for (int side : order) {
                            if (!sides.contains(INTAKES.get(side))) {
                                continue; // a diagnosis of one side (a profile of it alone)
                            }
                            long cpuStart = OS.getProcessCpuTime();
                            long pgStart = pg.cpuNanos();
                            WebhookLoad.Slice r = loads.get(side).run(slice, body);
                            if (s >= warmup) {
                                cpu[side] += OS.getProcessCpuTime() - cpuStart;
                                pgCpu[side] += pg.cpuNanos() - pgStart;
                                ok[side] += r.ok();
                                errors[side] += r.errors();
                                nanos[side] += r.nanos();
                                slices.add(INTAKES.get(side).charAt(0) + String.format(Locale.ROOT, "%.0f",
                                        r.perSecond()));
                            }
                        }
                    }
                    Thread.sleep(2000); // let the processing after the answers catch up
                    System.out.println("slices (b=bare, m=in-memory inbox, p=PostgreSQL inbox; req/s): "
                            + String.join(" ", slices));
                    for (int side = 0; side < 3; side++) {
                        String k = INTAKES.get(side);
                        out.put(k + "PerSecond", ok[side] * 1e9 / Math.max(1, nanos[side]));
                        out.put(k + "Ok", ok[side]);
                        out.put(k + "Errors", errors[side]);
                        out.put(k + "CpuUsPerRequest", cpu[side] / 1000.0 / Math.max(1, ok[side]));
                        out.put(k + "PgCpuUsPerRequest", pgCpu[side] / 1000.0 / Math.max(1, ok[side]));
                    }
                    String scrape = durable.server().registry().scrape();
                    out.put("postgresAccepted", WebhookBench.sum(scrape, "docverify_webhooks_received_total",
                            "outcome=\"accepted\""));
                    out.put("postgresProcessed", WebhookBench.sum(scrape, "docverify_webhooks_processed_total", ""));
                    out.put("postgresProcessedFailed", WebhookBench.sum(scrape, "docverify_webhooks_processed_total",
                            "outcome=\"failed\""));
                    out.put("inboxRows", count(database, "SELECT count(*) FROM webhook_inbox"));
                    out.put("inboxProcessed", count(database,
                            "SELECT count(*) FROM webhook_inbox WHERE processed_at IS NOT NULL"));
                } finally {
                    for (WebhookLoad l : loads) {
                        l.close();
                    }
                }
            }
        }
        return out;
    }

    /** Waits (at most 60 s) for the intake's reconciliation at start; returns the events it applied. */
    private static long reconciled(DocverifyBenchServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (WebhookBench.sum(server.server().registry().scrape(), "docverify_webhooks_reconciliations_total",
                "") < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the intake's reconciliation at start did not finish in 60 s");
            }
            Thread.sleep(20);
        }
        return WebhookBench.sum(server.server().registry().scrape(), "docverify_webhooks_reconciled_events_total", "");
    }

    // ---------------------------------------------------------------- two replicas: review to watcher

    /** Reviews per second of the replicas figure's warm-up (not recorded). */
    static final int WARMUP_RATE = 50;

    static Map<String, Object> replicas(int warmup, int count, int[] rates) throws Exception {
        var out = new LinkedHashMap<String, Object>();
        try (BenchPostgres pg = BenchPostgres.start(); DwollaTestServer dwolla = DwollaBench.startServer()) {
            PostgresConfig database = pg.newDatabase();
            describeServer(pg, out);
            String base = dwolla.baseUrl();
            int watches = Math.max(warmup, count); // each level's watches are open at once, one channel per replica
            Map<String, String> envA = replicaEnvironment(base, database, "replica-a", watches);
            Map<String, String> envB = replicaEnvironment(base, database, "replica-b", watches);
            try (DocverifyBenchServer a = DocverifyBenchServer.start(envA);
                    DocverifyBenchServer b = DocverifyBenchServer.start(envB);
                    BenchClient onA = new BenchClient(a.port());
                    BenchClient onB = new BenchClient(b.port());
                    WebhookLoad sender = new WebhookLoad(a.server().webhookPort().orElseThrow(), WebhookBench.PATH,
                            8, WebhookBench.WEBHOOK_SECRET)) {
                if (warmup > 0) {
                    level(dwolla, onA, onB, sender, warmup, WARMUP_RATE, null);
                }
                for (int rate : rates) {
                    var level = new LinkedHashMap<String, Object>();
                    level(dwolla, onA, onB, sender, count, rate, level);
                    level.forEach((k, v) -> out.put("r" + rate + k, v));
                }
                out.put("journalChanges", count(database, "SELECT count(*) FROM journal WHERE kind = 'changed'"));
            }
        }
        return out;
    }

    /** The collectors' accumulated time in this JVM (both replicas, the test server and the harness share it). */
    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static Map<String, String> replicaEnvironment(String base, PostgresConfig database, String id,
            int count) {
        var env = BenchPostgres.withDatabase(WebhookBench.environment(base, "10000"), database, id);
        // A level's watches on one channel per replica: above the default of 16 calls per connection.
        env.put("DOCVERIFY_MAX_CALLS_PER_CONNECTION", Integer.toString(count + 64));
        return env;
    }

    /** One load level: {@code count} documents watched on A and B, reviewed at {@code rate} per second. */
    private static void level(DwollaTestServer dwolla, BenchClient onA, BenchClient onB, WebhookLoad sender,
            int count, int rate, Map<String, Object> out) throws Exception {
        String base = dwolla.baseUrl();
        List<String> customers = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            customers.add(DwollaBench.newCustomer(dwolla));
            documents.add(WebhookBench.newDocument(dwolla, customers.get(i)));
        }
        long[] due = new long[count];
        var arrivedA = new ConcurrentHashMap<Integer, Long>();
        var arrivedB = new ConcurrentHashMap<Integer, Long>();
        var pending = new CountDownLatch(2 * count);
        var done = new CountDownLatch(2 * count);
        var failures = new AtomicLong();
        List<Context.CancellableContext> watches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (BenchClient on : List.of(onA, onB)) {
                int n = i;
                var arrived = on == onA ? arrivedA : arrivedB;
                var context = Context.current().withCancellation();
                watches.add(context);
                context.run(() -> on.async().watchDocument(WatchDocumentRequest.newBuilder()
                        .setDocumentId(documents.get(n)).build(), new StreamObserver<WatchDocumentResponse>() {
                            @Override
                            public void onNext(WatchDocumentResponse value) {
                                long now = System.nanoTime();
                                var status = value.getDocument().getVerificationStatus();
                                if (status == VerificationStatus.VERIFICATION_STATUS_PENDING) {
                                    pending.countDown();
                                } else if (status == VerificationStatus.VERIFICATION_STATUS_ACCEPTED
                                        && arrived.putIfAbsent(n, now) == null) {
                                    done.countDown();
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                                if (!arrived.containsKey(n)) {
                                    failures.incrementAndGet();
                                }
                            }

                            @Override
                            public void onCompleted() {
                            }
                        }));
            }
        }
        if (!pending.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the watches did not all open: " + pending.getCount() + " missing, "
                    + failures.get() + " failed");
        }
        var answers = new AtomicLong();
        var refused = new AtomicLong();
        var sendLag = new Histogram(3);
        long gcBefore = gcMillis();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long intervalNanos = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            due[i] = start + i * intervalNanos;
            long wait;
            while ((wait = due[i] - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            dwolla.sandbox().reviewDocument(new DocumentId(documents.get(i)), ReviewDecision.accept())
                    .toCompletableFuture().join();
            byte[] body = WebhookLoad.event(WebhookLoad.newEventId(), "customer_verification_document_approved",
                    documents.get(i), customers.get(i), base);
            // How late this review's webhook left against its due time (the harness's own stalls count in the latency).
            sendLag.recordValue(Math.max(0, System.nanoTime() - due[i]));
            sender.post(body).onComplete(r -> {
                if (r.succeeded() && r.result() == 200) {
                    answers.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
            });
        }
        long sentNanos = System.nanoTime() - start;
        boolean all = done.await(30, TimeUnit.SECONDS);
        long gc = gcMillis() - gcBefore;
        watches.forEach(w -> w.cancel(null));
        if (out == null) {
            return;
        }
        var a = new Histogram(3);
        var b = new Histogram(3);
        for (int i = 0; i < count; i++) {
            Long ta = arrivedA.get(i);
            Long tb = arrivedB.get(i);
            if (ta != null) {
                a.recordValue(Math.max(0, ta - due[i]));
            }
            if (tb != null) {
                b.recordValue(Math.max(0, tb - due[i]));
            }
        }
        LatencyPlots.save("postgres-replicas-" + rate, Impl.BARE, a);
        LatencyPlots.save("postgres-replicas-" + rate, Impl.DOCVERIFY, b);
        out.put("Reviews", count);
        out.put("AchievedRate", count * 1e9 / Math.max(1, sentNanos));
        out.put("Answered", answers.get());
        out.put("Refused", refused.get());
        out.put("ArrivedA", a.getTotalCount());
        out.put("ArrivedB", b.getTotalCount());
        out.put("AllArrived", all);
        out.put("AP50us", a.getValueAtPercentile(50) / 1000.0);
        out.put("AP99us", a.getValueAtPercentile(99) / 1000.0);
        out.put("BP50us", b.getValueAtPercentile(50) / 1000.0);
        out.put("BP99us", b.getValueAtPercentile(99) / 1000.0);
        out.put("BMaxUs", b.getMaxValue() / 1000.0);
        out.put("SendLagP99us", sendLag.getValueAtPercentile(99) / 1000.0);
        out.put("SendLagMaxUs", sendLag.getMaxValue() / 1000.0);
        out.put("GcMs", gc);
    }

    /** What every figure's result records of its server: settings, one commit's p50/p99, its CPU so far. */
    private static void describeServer(BenchPostgres pg, Map<String, Object> out) throws Exception {
        out.put("postgres", pg.describe());
        double[] commit = pg.commitMicros(200);
        out.put("commitP50us", commit[0]);
        out.put("commitP99us", commit[1]);
        // Since the server started (migrations and the probe included): shows that /proc was read.
        out.put("postgresServerCpuMsSoFar", pg.cpuNanos() / 1_000_000);
    }
}
