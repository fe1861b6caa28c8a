package io.docverify.benchmarks;

import io.docverify.adapter.dwolla.DwollaConfig;
import io.docverify.adapter.dwolla.DwollaDocumentProvider;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.dwollaserver.DwollaServerConfig;
import io.docverify.dwollaserver.DwollaTestServer;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.file.FileUpload;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.sandbox.NewCustomer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Figure 6: the Dwolla adapter ({@code DwollaDocumentProvider}: token cache, retry, circuit breaker, rate limiter,
 * bulkhead, time limits, Micrometer metrics on a Prometheus registry) against raw Vert.x Web Client requests to the
 * same local Dwolla-compatible server ({@code DwollaTestServer}, OpenAPI validation off): a token fetched once,
 * then {@code GET /documents/{id}}, or the multipart {@code POST /customers/{id}/documents} followed by the
 * {@code GET} of its {@code Location} (the adapter's create does both, since it returns the created document).
 * Both clients run in this JVM against one server and are measured interleaved ({@link Interleaved}): throughput
 * with 4 threads, then latency (p50, p99) with 1 thread.
 *
 * <p>The adapter runs with its defaults except the client-side rate limit, raised from 20/s to 1,000,000/s: the
 * limiter stays in the chain (its cost is measured) but does not throttle, or the figure would measure the limit.
 *
 * <p>{@code java -cp benchmarks.jar io.docverify.benchmarks.DwollaBench get|create THREADS SLICE_MS WARMUP_SLICES
 * MEASURED_SLICES LATENCY_SLICES FIRST FILE_BYTES}
 */
public final class DwollaBench {
    static final String KEY = "benchmark-dwolla-key";
    static final String SECRET = "benchmark-dwolla-secret-0123456789";
    static final String HAL = "application/vnd.dwolla.v1.hal+json";

    private DwollaBench() {
    }

    /** One side of the figure. */
    interface Client extends AutoCloseable {
        CompletableFuture<?> get(String documentId);

        CompletableFuture<?> create(String customerId, byte[] file);

        @Override
        void close();
    }

    /** Raw Vert.x Web Client with the adapter's client settings: keep-alive, no redirects, 20 connections. */
    static final class Raw implements Client {
        private final Vertx vertx = Vertx.vertx();
        private final WebClient client;
        private final String base;
        private final String token;

        Raw(String base) throws Exception {
            this.base = base;
            this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("docverify")
                    .setFollowRedirects(false).setKeepAlive(true).setConnectTimeout(5000),
                    new PoolOptions().setHttp1MaxSize(20));
            HttpResponse<Buffer> issued = client.postAbs(base + "/token").basicAuthentication(KEY, SECRET)
                    .putHeader("Accept", "application/json")
                    .sendForm(MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            this.token = issued.bodyAsJsonObject().getString("access_token");
        }

        @Override
        public CompletableFuture<?> get(String documentId) {
            return read(base + "/documents/" + documentId);
        }

        private CompletableFuture<HttpResponse<Buffer>> read(String url) {
            return client.getAbs(url).putHeader("Accept", HAL).bearerTokenAuthentication(token).send()
                    .toCompletionStage().toCompletableFuture().thenApply(r -> expect(r, 200));
        }

        @Override
        public CompletableFuture<?> create(String customerId, byte[] file) {
            MultipartForm form = MultipartForm.create().attribute("documentType", "passport")
                    .binaryFileUpload("file", "passport.png", Buffer.buffer(file), "image/png");
            return client.postAbs(base + "/customers/" + customerId + "/documents").putHeader("Accept", HAL)
                    .putHeader("Idempotency-Key", UUID.randomUUID().toString()).bearerTokenAuthentication(token)
                    .sendMultipartForm(form).toCompletionStage().toCompletableFuture()
                    .thenCompose(r -> read(expect(r, 201).getHeader("Location")));
        }

        private static HttpResponse<Buffer> expect(HttpResponse<Buffer> response, int status) {
            if (response.statusCode() != status) {
                throw new IllegalStateException("expected " + status + ", got " + response.statusCode());
            }
            return response;
        }

        @Override
        public void close() {
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The adapter, as the service would build it (defaults, Prometheus registry), rate limit lifted. */
    static final class Adapter implements Client {
        private final DwollaDocumentProvider provider;

        Adapter(String base) {
            this.provider = DwollaDocumentProvider.create(config(base),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }

        static DwollaConfig config(String base) {
            return DwollaConfig.builder().baseUrl(base).key(KEY).secret(SECRET).rateLimitPerSecond(1_000_000)
                    .build();
        }

        @Override
        public CompletableFuture<?> get(String documentId) {
            return provider.get(new DocumentId(documentId)).toCompletableFuture();
        }

        @Override
        public CompletableFuture<?> create(String customerId, byte[] file) {
            return provider.create(DocumentSubmission.of(new CustomerId(customerId), DocumentType.PASSPORT,
                    FileUpload.ofBytes("passport.png", file))).toCompletableFuture();
        }

        @Override
        public void close() {
            provider.close();
        }
    }

    static DwollaTestServer startServer() {
        return DwollaTestServer.start(DwollaServerConfig.builder().key(KEY).secret(SECRET)
                .validateAgainstOpenApi(false).build());
    }

    static String newCustomer(DwollaTestServer server) {
        return server.sandbox().createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))
                .toCompletableFuture().join().id().value();
    }

    public static void main(String[] args) throws Exception {
        String op = args[0];
        int threads = Integer.parseInt(args[1]);
        long sliceMillis = Long.parseLong(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        int latencySlices = Integer.parseInt(args[5]);
        Impl first = Impl.parse(args[6]);
        int fileBytes = Integer.parseInt(args[7]);
        byte[] file = TestFiles.png(fileBytes);
        try (DwollaTestServer server = startServer(); Client raw = new Raw(server.baseUrl());
                Client adapter = new Adapter(server.baseUrl())) {
            Map<Impl, Client> clients = Map.of(Impl.BARE, raw, Impl.DOCVERIFY, adapter);
            var owners = new ConcurrentLinkedQueue<String>();
            String seeded = server.backend().create(DocumentSubmission.of(new CustomerId(newCustomer(server)),
                    DocumentType.PASSPORT, FileUpload.ofBytes("passport.png", TestFiles.png())))
                    .toCompletableFuture().join().id().value();
            Map<Impl, Histogram> latency = Map.of(Impl.BARE, new ConcurrentHistogram(3),
                    Impl.DOCVERIFY, new ConcurrentHistogram(3));
            var recording = new java.util.concurrent.atomic.AtomicBoolean();
            Interleaved.Operation operation = side -> {
                long start = System.nanoTime();
                if (op.equals("get")) {
                    clients.get(side).get(seeded).get(30, TimeUnit.SECONDS);
                } else {
                    String owner = owners.poll();
                    clients.get(side).create(owner != null ? owner : newCustomer(server), file)
                            .get(60, TimeUnit.SECONDS);
                }
                if (recording.get()) {
                    latency.get(side).recordValue(System.nanoTime() - start);
                }
            };
            if (!op.equals("get") && !op.equals("create")) {
                throw new IllegalArgumentException("op must be get or create: " + op);
            }
            for (int i = 0; i < 20_000 && op.equals("create"); i++) {
                owners.add(newCustomer(server));
            }
            var throughput = new Interleaved().run(operation, threads, sliceMillis, warmup, measured, first);
            recording.set(true);
            var single = new Interleaved().run(operation, 1, sliceMillis, 0, latencySlices, first);
            Histogram b = latency.get(Impl.BARE);
            Histogram d = latency.get(Impl.DOCVERIFY);
            LatencyPlots.save("dwolla-" + op + "-p50", Impl.BARE, b);
            LatencyPlots.save("dwolla-" + op + "-p50", Impl.DOCVERIFY, d);
            System.out.println(ResultLine.format("dwolla-" + op, Impl.DOCVERIFY,
                    "barePerSecond", throughput.get(Impl.BARE).perSecond(),
                    "docverifyPerSecond", throughput.get(Impl.DOCVERIFY).perSecond(),
                    "bareCpuUsPerCall", throughput.get(Impl.BARE).cpuMicrosPerCall(),
                    "docverifyCpuUsPerCall", throughput.get(Impl.DOCVERIFY).cpuMicrosPerCall(),
                    "bareP50us", b.getValueAtPercentile(50) / 1000.0,
                    "docverifyP50us", d.getValueAtPercentile(50) / 1000.0,
                    "bareP99us", b.getValueAtPercentile(99) / 1000.0,
                    "docverifyP99us", d.getValueAtPercentile(99) / 1000.0,
                    "bareLatencyCalls", single.get(Impl.BARE).calls(),
                    "docverifyLatencyCalls", single.get(Impl.DOCVERIFY).calls()));
        }
        System.exit(0);
    }
}
