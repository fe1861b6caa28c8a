package io.docverify.benchmarks;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.grpc.config.WebhookSettings;
import io.docverify.grpc.v1.DocumentProto.VerificationStatus;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsResponse;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The webhook figures, in one JVM: the Dwolla-compatible test server, docverify on its {@code dwolla} backend
 * with the webhook intake on (as {@link DocverifyBenchServer} starts it: {@code ConfigReader}, {@code Backends},
 * Netty), and, for the throughput figure, the {@link BareWebhookServer}.
 *
 * <p>{@code throughput CONNECTIONS SLICE_MS WARMUP_SLICES MEASURED_SLICES FIRST [TOPIC [KNOWN_DOCUMENTS]]}: the same
 * {@link WebhookLoad} alternates between the bare endpoint and the intake in slices (A B B A ...), each request a
 * new signed event ({@value WebhookLoad#TOPIC}) about one of 64 real pending documents in turn. With
 * {@code KNOWN_DOCUMENTS} 1 (the default: {@code DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS}) the processor remembers only
 * the last document, so every event's processing after the answer reads its document through the adapter (from
 * the test server, in this JVM) and finds no news: the cost of an event that could be news. With 64 or more it
 * remembers them all and reads each once (a repeated {@code _uploaded} event cannot be news). Besides each side's
 * requests per second it prints the JVM's CPU time per request of each side's slices (steadier than throughput on
 * a shared machine) and the document reads made.
 *
 * <p>{@code latency WARMUP REVIEWS}: one review at a time: a new document at the test server, a
 * {@code WatchDocument} on it (its first message: pending), the review at the test server, then the clock starts
 * and the signed {@code customer_verification_document_approved} webhook is posted; stops at the watch's
 * accepted message, and (separately) at the {@code WatchEvents} message of that document (one stream, all owners,
 * open throughout).
 */
public final class WebhookBench {
    static final String WEBHOOK_SECRET = "benchmark-webhook-secret-0123456789";
    static final String PATH = "/dwolla/webhooks";
    private static final int DOCUMENTS = 64;
    /** The adapter's calls, and those of them that read a document. */
    private static final String READS = "docverify_dwolla_calls_seconds_count";
    private static final String READ_LABEL = "operation=\"get\"";

    private WebhookBench() {
    }

    /** docverify's environment: dwolla backend at {@code base}, intake on a free port, rate limit lifted. */
    static Map<String, String> environment(String base) {
        return environment(base, Integer.toString(WebhookSettings.DEFAULT_KNOWN_DOCUMENTS));
    }

    static Map<String, String> environment(String base, String knownDocuments) {
        var env = DocverifyBenchServer.environment();
        env.put("DOCVERIFY_WEBHOOK_KNOWN_DOCUMENTS", knownDocuments);
        env.put("DOCVERIFY_BACKEND", "dwolla");
        env.put("DOCVERIFY_DWOLLA_BASE_URL", base);
        env.put("DOCVERIFY_DWOLLA_KEY", DwollaBench.KEY);
        env.put("DOCVERIFY_DWOLLA_SECRET", DwollaBench.SECRET);
        // As in the Dwolla figure: the limiter stays in the chain but does not throttle the processing's reads.
        env.put("DOCVERIFY_DWOLLA_RATE_LIMIT_PER_SECOND", "1000000");
        env.put("DOCVERIFY_WATCH_POLL_INTERVAL", "1h");
        env.put("DOCVERIFY_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("DOCVERIFY_WEBHOOK_PORT", "0");
        env.put("DOCVERIFY_WEBHOOK_RECONCILE_INTERVAL", "off");
        env.put("DOCVERIFY_WEBHOOK_INBOX_MAX_EVENTS", "2000000");
        return env;
    }

    static String newDocument(DwollaTestServer dwolla, String customer) {
        return dwolla.backend().create(DocumentSubmission.of(new CustomerId(customer), DocumentType.PASSPORT,
                FileUpload.ofBytes("passport.png", TestFiles.png()))).toCompletableFuture().join().id().value();
    }

    public static void main(String[] args) throws Exception {
        try (DwollaTestServer dwolla = DwollaBench.startServer();
                DocverifyBenchServer docverify = DocverifyBenchServer.start(environment(dwolla.baseUrl(),
                        args[0].equals("throughput") && args.length > 7 ? args[7] : "1"))) {
            int port = docverify.server().webhookPort().orElseThrow();
            switch (args[0]) {
                case "throughput" -> throughput(dwolla, docverify, port, args);
                case "latency" -> latency(dwolla, docverify, port, Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("throughput or latency, not " + args[0]);
            }
        }
        System.exit(0);
    }

    private static void throughput(DwollaTestServer dwolla, DocverifyBenchServer docverify, int port,
            String[] args) throws Exception {
        int connections = Integer.parseInt(args[1]);
        long slice = Long.parseLong(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        Impl first = Impl.parse(args[5]);
        // Optional: another topic (an owner topic, e.g. customer_verified, skips the document read: intake only).
        String topic = args.length > 6 ? args[6] : WebhookLoad.TOPIC;
        // One customer per document: Dwolla holds at most four pending documents per customer.
        List<String> customers = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            customers.add(DwollaBench.newCustomer(dwolla));
            documents.add(newDocument(dwolla, customers.get(i)));
        }
        String base = dwolla.baseUrl();
        java.util.function.LongFunction<byte[]> body = n -> WebhookLoad.event(WebhookLoad.newEventId(),
                topic, documents.get((int) (n % DOCUMENTS)), customers.get((int) (n % DOCUMENTS)), base);
        try (BareWebhookServer bare = BareWebhookServer.start(WEBHOOK_SECRET);
                WebhookLoad toBare = new WebhookLoad(bare.port(), PATH, connections, WEBHOOK_SECRET);
                WebhookLoad toOurs = new WebhookLoad(port, PATH, connections, WEBHOOK_SECRET)) {
            Map<Impl, WebhookLoad> load = Map.of(Impl.BARE, toBare, Impl.DOCVERIFY, toOurs);
            Impl second = first == Impl.BARE ? Impl.DOCVERIFY : Impl.BARE;
            long[] ok = new long[2];
            long[] errors = new long[2];
            long[] nanos = new long[2];
            long[] cpu = new long[2];
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long readsBefore = 0;
            List<String> slices = new ArrayList<>();
            for (int s = 0; s < warmup + measured; s++) {
                // A B B A A B ...: the pair's order flips every slice pair.
                List<Impl> pair = (s % 2 == 0) ? List.of(first, second) : List.of(second, first);
                if (s == warmup) {
                    readsBefore = sum(docverify.server().registry().scrape(), READS, READ_LABEL);
                }
                for (Impl side : pair) {
                    long cpuStart = os.getProcessCpuTime();
                    WebhookLoad.Slice r = load.get(side).run(slice, body);
                    if (s >= warmup) {
                        cpu[side.ordinal()] += os.getProcessCpuTime() - cpuStart;
                        ok[side.ordinal()] += r.ok();
                        errors[side.ordinal()] += r.errors();
                        nanos[side.ordinal()] += r.nanos();
                        slices.add(side.key().charAt(0) + String.format(Locale.ROOT, "%.0f", r.perSecond()));
                    }
                }
            }
            // Let the processing after the answer catch up before counting it.
            Thread.sleep(3000);
            String scrape = docverify.server().registry().scrape();
            System.out.println("slices (b=bare, d=docverify, req/s): " + String.join(" ", slices));
            System.out.println(ResultLine.format("webhook", Impl.DOCVERIFY, "connections", connections,
                    "barePerSecond", ok[0] * 1e9 / nanos[0], "docverifyPerSecond", ok[1] * 1e9 / nanos[1],
                    "bareOk", ok[0], "docverifyOk", ok[1],
                    "bareCpuUsPerRequest", cpu[0] / 1000.0 / Math.max(1, ok[0]),
                    "docverifyCpuUsPerRequest", cpu[1] / 1000.0 / Math.max(1, ok[1]),
                    "documentReadsMeasured", sum(scrape, READS, READ_LABEL) - readsBefore, "bareErrors", errors[0], "docverifyErrors", errors[1],
                    "accepted", sum(scrape, "docverify_webhooks_received_total", "outcome=\"accepted\""),
                    "processedUnchanged", sum(scrape, "docverify_webhooks_processed_total", "outcome=\"unchanged\""),
                    "processedPassed", sum(scrape, "docverify_webhooks_processed_total", "outcome=\"passed\""),
                    "processedAll", sum(scrape, "docverify_webhooks_processed_total", ""),
                    "processedFailed", sum(scrape, "docverify_webhooks_processed_total", "outcome=\"failed\"")));
        }
    }

    /** The sum of a Prometheus counter's samples whose labels contain {@code label}. */
    static long sum(String scrape, String name, String label) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name) && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }

    private static void latency(DwollaTestServer dwolla, DocverifyBenchServer docverify, int port, int warmup,
            int reviews) throws Exception {
        var watchLatency = new Histogram(3);
        var eventsLatency = new Histogram(3);
        var answerLatency = new Histogram(3);
        var eventArrivals = new ConcurrentHashMap<String, Long>();
        String base = dwolla.baseUrl();
        try (BenchClient grpc = new BenchClient(docverify.port());
                WebhookLoad sender = new WebhookLoad(port, PATH, 1, WEBHOOK_SECRET)) {
            var eventsStream = Context.current().withCancellation();
            var eventsOpen = new java.util.concurrent.CountDownLatch(1);
            eventsStream.run(() -> grpc.async().watchEvents(WatchEventsRequest.getDefaultInstance(),
                    new StreamObserver<WatchEventsResponse>() {
                        @Override
                        public void onNext(WatchEventsResponse value) {
                            long now = System.nanoTime();
                            if (value.getEvent().getTopic().endsWith("_approved")) {
                                eventArrivals.putIfAbsent(value.getEvent().getResourceId(), now);
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            System.out.println("WatchEvents ended: " + t);
                        }

                        @Override
                        public void onCompleted() {
                        }
                    }));
            Thread.sleep(500);
            for (int i = 0; i < warmup + reviews; i++) {
                String customer = DwollaBench.newCustomer(dwolla);
                String document = newDocument(dwolla, customer);
                BlockingQueue<Object> watch = new LinkedBlockingQueue<>();
                var watchContext = Context.current().withCancellation();
                watchContext.run(() -> grpc.async().watchDocument(WatchDocumentRequest.newBuilder()
                        .setDocumentId(document).build(), new StreamObserver<WatchDocumentResponse>() {
                            @Override
                            public void onNext(WatchDocumentResponse value) {
                                watch.add(new long[] {System.nanoTime(),
                                        value.getDocument().getVerificationStatus().getNumber()});
                            }

                            @Override
                            public void onError(Throwable t) {
                                watch.add(t);
                            }

                            @Override
                            public void onCompleted() {
                            }
                        }));
                long[] pending = next(watch);
                if (pending[1] != VerificationStatus.VERIFICATION_STATUS_PENDING_VALUE) {
                    throw new IllegalStateException("the watch's first message is not pending: " + pending[1]);
                }
                dwolla.sandbox().reviewDocument(new DocumentId(document), ReviewDecision.accept())
                        .toCompletableFuture().join();
                byte[] body = WebhookLoad.event(WebhookLoad.newEventId(), "customer_verification_document_approved",
                        document, customer, base);
                long sent = System.nanoTime();
                int status = sender.post(body).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                long answered = System.nanoTime();
                if (status != 200) {
                    throw new IllegalStateException("the intake answered " + status);
                }
                long[] accepted = next(watch);
                if (accepted[1] != VerificationStatus.VERIFICATION_STATUS_ACCEPTED_VALUE) {
                    throw new IllegalStateException("the watch's second message is not accepted: " + accepted[1]);
                }
                Long event = null;
                for (int wait = 0; wait < 1000 && (event = eventArrivals.get(document)) == null; wait++) {
                    Thread.sleep(1);
                }
                watchContext.cancel(null);
                if (i >= warmup) {
                    answerLatency.recordValue(answered - sent);
                    watchLatency.recordValue(accepted[0] - sent);
                    if (event != null) {
                        eventsLatency.recordValue(event - sent);
                    }
                }
            }
            eventsStream.cancel(null);
        }
        System.out.println(ResultLine.format("webhook-watch", Impl.DOCVERIFY, "reviews", reviews,
                "answerP50us", answerLatency.getValueAtPercentile(50) / 1000.0,
                "answerP99us", answerLatency.getValueAtPercentile(99) / 1000.0,
                "watchP50us", watchLatency.getValueAtPercentile(50) / 1000.0,
                "watchP99us", watchLatency.getValueAtPercentile(99) / 1000.0,
                "watchMaxUs", watchLatency.getMaxValue() / 1000.0,
                "eventsCount", eventsLatency.getTotalCount(),
                "eventsP50us", eventsLatency.getValueAtPercentile(50) / 1000.0,
                "eventsP99us", eventsLatency.getValueAtPercentile(99) / 1000.0));
    }

    private static long[] next(BlockingQueue<Object> watch) throws InterruptedException {
        Object o = watch.poll(10, TimeUnit.SECONDS);
        if (o == null) {
            throw new IllegalStateException("no watch message within 10 s");
        }
        if (o instanceof Throwable t) {
            throw new IllegalStateException("the watch failed", t);
        }
        return (long[]) o;
    }
}
