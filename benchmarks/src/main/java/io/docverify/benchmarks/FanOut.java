package io.docverify.benchmarks;

import io.docverify.grpc.v1.DocumentProto.DocumentStatus;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchDocumentResponse;
import io.docverify.grpc.v1.DocumentServiceProto.EventKind;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsRequest;
import io.docverify.grpc.v1.DocumentServiceProto.WatchEventsResponse;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerRequest;
import io.docverify.grpc.v1.SandboxServiceProto.CreateCustomerResponse;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerStatus;
import io.docverify.grpc.v1.SandboxServiceProto.CustomerType;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDecision;
import io.docverify.grpc.v1.SandboxServiceProto.ReviewDocumentRequest;
import io.docverify.ports.contract.TestFiles;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The fan-out figure: many open {@code WatchDocument} streams against one docverify JVM ({@link FanOutServer}, a
 * process of its own, in-memory backend, {@code DOCVERIFY_MAX_CALLS_PER_CONNECTION} raised so that
 * {@code CHANNELS} HTTP/2 connections carry them all). Owners are seeded with the Sandbox {@code CreateCustomer} RPC,
 * one document each uploaded with {@code UploadDocument} (an owner may have only four pending documents). Then:
 * <ol>
 *   <li>baseline review latency: {@code REVIEWS} times, open one watch on a fresh document, wait for its first
 *       message, time from sending {@code ReviewDocument} to the watcher hearing {@code REVIEWED} (no other
 *       stream open);</li>
 *   <li>server heap after full GCs and live threads with 0, {@code MID} and {@code MAX} idle streams open (each on
 *       its own document);</li>
 *   <li>the same review latency with {@code MAX} other streams open;</li>
 *   <li>{@code SAME} watchers on one document: time from one review to the last of them hearing it, a few
 *       times.</li>
 * </ol>
 *
 * <p>{@code KIND} is {@code document} ({@code WatchDocument} streams, each on one document) or {@code events}
 * ({@code WatchEvents} streams, each following one owner's events from the oldest retained, so its first message,
 * the owner's upload, shows it is open; a review is heard as the {@code EVENT_KIND_DOCUMENT_APPROVED} event of its
 * document). With {@code events} the server keeps up to 1,000,000 events ({@code DOCVERIFY_EVENTS_MAX}), so no
 * owner's upload is evicted while the streams open.
 *
 * <p>{@code java -cp benchmarks.jar io.docverify.benchmarks.FanOut KIND MID MAX REVIEWS SAME SAME_ROUNDS CHANNELS}
 */
public final class FanOut {
    private static final long TIMEOUT_S = 60;

    private final List<BenchClient> clients = new ArrayList<>();
    private final ClientInterceptor bearer;
    private final List<Watcher<?, ?>> open = new ArrayList<>();
    private final boolean events;
    private int next;

    private FanOut(int port, int channels, boolean events) {
        this.events = events;
        for (int i = 0; i < channels; i++) {
            clients.add(new BenchClient(port));
        }
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + BenchClient.KEY);
        bearer = MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        if (!kind.equals("document") && !kind.equals("events")) {
            throw new IllegalArgumentException("KIND is document or events, not " + kind);
        }
        int mid = Integer.parseInt(args[1]);
        int max = Integer.parseInt(args[2]);
        int reviews = Integer.parseInt(args[3]);
        int same = Integer.parseInt(args[4]);
        int sameRounds = Integer.parseInt(args[5]);
        int channels = Integer.parseInt(args[6]);
        int perConnection = (max + same + channels) / channels + 16;
        List<String> command = new ArrayList<>(List.of(ChildJvms.javaCommand()));
        command.addAll(RunAll.JVM_ARGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FanOutServer.class.getName(),
                "DOCVERIFY_MAX_CALLS_PER_CONNECTION=" + perConnection, "DOCVERIFY_SANDBOX_REVIEW_DELAY=1h",
                "DOCVERIFY_EVENTS_MAX=1000000"));
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "docverify-fanout-server-" + ProcessHandle.current()
                .pid() + ".log");
        Process server = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            var in = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8);
            String first = out.readLine();
            if (first == null || !first.startsWith("port=")) {
                throw new IllegalStateException("the server did not start; see " + log);
            }
            new FanOut(Integer.parseInt(first.substring(5)), channels, kind.equals("events")).run(kind, out, in, mid, max, reviews, same,
                    sameRounds, perConnection);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        System.exit(0);
    }

    private void run(String kind, BufferedReader out, PrintWriter in, int mid, int max, int reviews, int same,
            int sameRounds, int perConnection) throws Exception {
        long t0 = System.nanoTime();
        List<Seeded> docs = seed(max + 2 * reviews + sameRounds);
        long seededMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        List<Seeded> idle = docs.subList(0, max);
        List<Seeded> probes = docs.subList(max, max + 2 * reviews);
        List<Seeded> shared = docs.subList(max + 2 * reviews, docs.size());

        Histogram base = reviewLatency(probes.subList(0, reviews));
        long[] at0 = measure(out, in);
        openWatches(idle.subList(0, mid));
        long[] atMid = measure(out, in);
        openWatches(idle.subList(mid, max));
        long[] atMax = measure(out, in);
        Histogram loaded = reviewLatency(probes.subList(reviews, 2 * reviews));
        Histogram sameDoc = new Histogram(3);
        for (Seeded doc : shared) {
            sameDoc.recordValue(lastOfSame(doc, same));
        }
        double bytesPerStream = (double) (atMax[0] - at0[0]) / max;
        double threadsPerStream = (double) (atMax[1] - at0[1]) / max;
        System.out.println(ResultLine.format("fanout", Impl.DOCVERIFY, "kind", kind, "channels", clients.size(),
                "maxCallsPerConnection", perConnection, "seededDocs", docs.size(), "seedMs", seededMs,
                "heap0", at0[0], "heapMid", atMid[0], "heapMax", atMax[0], "threads0", at0[1],
                "threadsMid", atMid[1], "threadsMax", atMax[1], "mid", mid, "max", max,
                "bytesPerStreamMid", (double) (atMid[0] - at0[0]) / Math.max(1, mid),
                "bytesPerStream", bytesPerStream, "threadsPerStream", threadsPerStream,
                "reviews", reviews, "baseP50us", base.getValueAtPercentile(50), "baseP99us",
                base.getValueAtPercentile(99), "baseMaxUs", base.getMaxValue(),
                "loadedP50us", loaded.getValueAtPercentile(50), "loadedP99us", loaded.getValueAtPercentile(99),
                "loadedMaxUs", loaded.getMaxValue(), "same", same, "sameRounds", sameRounds,
                "sameP50us", sameDoc.getValueAtPercentile(50), "sameMaxUs", sameDoc.getMaxValue()));
        for (Watcher<?, ?> w : open) {
            w.cancel();
        }
        clients.forEach(BenchClient::close);
    }

    private long[] measure(BufferedReader out, PrintWriter in) throws Exception {
        Thread.sleep(1000);
        in.println("measure");
        String line = out.readLine();
        String[] parts = line.split(" ");
        return new long[] {Long.parseLong(parts[0].substring(5)), Long.parseLong(parts[1].substring(8))};
    }

    private BenchClient client() {
        return clients.get(next++ % clients.size());
    }

    /** A seeded owner and its one uploaded document. */
    private record Seeded(String owner, String document) {
    }

    /** {@code count} customers in {@code document} status, one uploaded passport each. */
    private List<Seeded> seed(int count) throws Exception {
        var chunks = Upload.chunks(TestFiles.png(), Fixture.CHUNK_BYTES);
        var permits = new Semaphore(32);
        var futures = new ArrayList<CompletableFuture<Seeded>>();
        for (int i = 0; i < count; i++) {
            BenchClient c = client();
            permits.acquire();
            var created = new CompletableFuture<CreateCustomerResponse>();
            SandboxServiceGrpc.newStub(c.channel()).withInterceptors(bearer).createCustomer(
                    CreateCustomerRequest.newBuilder().setType(CustomerType.CUSTOMER_TYPE_PERSONAL)
                            .setStatus(CustomerStatus.CUSTOMER_STATUS_DOCUMENT).build(), into(created));
            var f = created.thenCompose(owner -> Upload.start(c.async(), Upload.passport(owner.getCustomer().getId()),
                    chunks).result().thenApply(r -> new Seeded(owner.getCustomer().getId(), r.getDocument().getId())));
            f.whenComplete((r, e) -> permits.release());
            futures.add(f);
        }
        var ids = new ArrayList<Seeded>(count);
        for (var f : futures) {
            ids.add(f.get(TIMEOUT_S, TimeUnit.SECONDS));
        }
        return ids;
    }

    private static <T> io.grpc.stub.StreamObserver<T> into(CompletableFuture<T> future) {
        return new io.grpc.stub.StreamObserver<>() {
            @Override
            public void onNext(T value) {
                future.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                future.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                future.completeExceptionally(new IllegalStateException("no answer"));
            }
        };
    }

    private void openWatches(List<Seeded> docs) throws Exception {
        var watchers = new ArrayList<Watcher<?, ?>>();
        for (Seeded doc : docs) {
            watchers.add(watch(doc, new CountDownLatch(1)));
        }
        for (Watcher<?, ?> w : watchers) {
            w.awaitFirst();
        }
        open.addAll(watchers);
    }

    /** One stream of the figure's kind on {@code doc}: its document, or its owner's events. */
    private Watcher<?, ?> watch(Seeded doc, CountDownLatch reviewed) {
        if (events) {
            var w = new Watcher<WatchEventsRequest, WatchEventsResponse>(reviewed, m -> m.getEvent().getKind()
                    == EventKind.EVENT_KIND_DOCUMENT_APPROVED && m.getEvent().getDocumentId().equals(doc.document()));
            client().async().watchEvents(WatchEventsRequest.newBuilder().setCustomerId(doc.owner()).setFromOldest(true)
                    .build(), w);
            return w;
        }
        var w = new Watcher<WatchDocumentRequest, WatchDocumentResponse>(reviewed,
                m -> m.getDocument().getStatus() == DocumentStatus.DOCUMENT_STATUS_REVIEWED);
        client().async().watchDocument(WatchDocumentRequest.newBuilder().setDocumentId(doc.document()).build(), w);
        return w;
    }

    /** One watch per document, each reviewed once: microseconds from sending the review to the watcher's REVIEWED. */
    private Histogram reviewLatency(List<Seeded> docs) throws Exception {
        var h = new Histogram(3);
        for (Seeded doc : docs) {
            h.recordValue(lastOfSame(doc, 1));
        }
        return h;
    }

    /** {@code n} watchers of {@code doc}; microseconds from sending its review to the last of them hearing it. */
    private long lastOfSame(Seeded doc, int n) throws Exception {
        var reviewed = new CountDownLatch(n);
        var watchers = new ArrayList<Watcher<?, ?>>();
        for (int i = 0; i < n; i++) {
            watchers.add(watch(doc, reviewed));
        }
        for (Watcher<?, ?> w : watchers) {
            w.awaitFirst();
        }
        long start = System.nanoTime();
        SandboxServiceGrpc.newBlockingStub(client().channel()).withInterceptors(bearer).reviewDocument(
                ReviewDocumentRequest.newBuilder().setDocumentId(doc.document()).setDecision(ReviewDecision.REVIEW_DECISION_ACCEPT)
                        .build());
        if (!reviewed.await(TIMEOUT_S, TimeUnit.SECONDS)) {
            throw new IllegalStateException(reviewed.getCount() + " of " + n + " watchers never heard the review");
        }
        long us = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        watchers.forEach(Watcher::cancel);
        return us;
    }

    /** A client stream: counts its first message (the stream is open) and the one that carries the review. */
    private static final class Watcher<Q, R> implements io.grpc.stub.ClientResponseObserver<Q, R> {
        private final CountDownLatch first = new CountDownLatch(1);
        private final CountDownLatch reviewed;
        private final java.util.function.Predicate<R> isReview;
        private volatile io.grpc.stub.ClientCallStreamObserver<Q> call;
        private volatile Throwable failure;

        Watcher(CountDownLatch reviewed, java.util.function.Predicate<R> isReview) {
            this.reviewed = reviewed;
            this.isReview = isReview;
        }

        @Override
        public void beforeStart(io.grpc.stub.ClientCallStreamObserver<Q> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(R value) {
            first.countDown();
            if (isReview.test(value)) {
                reviewed.countDown();
            }
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            first.countDown();
        }

        @Override
        public void onCompleted() {
            first.countDown();
        }

        void awaitFirst() throws InterruptedException {
            if (!first.await(TIMEOUT_S, TimeUnit.SECONDS) || failure != null) {
                throw new IllegalStateException("a stream did not open", failure);
            }
        }

        void cancel() {
            if (call != null) {
                call.cancel("benchmark done", null);
            }
        }
    }
}
