package io.docverify.benchmarks;

import io.docverify.adapter.dwolla.webhook.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook figure's load generator, the same for both sides: a Vert.x {@link HttpClient} per target with
 * {@code connections} keep-alive connections and as many requests in flight (closed loop: each answer sends the
 * next). Every request is a new Dwolla event (a fresh id, {@code created} now, about 890 bytes, a document topic)
 * signed with the subscription's secret.
 */
final class WebhookLoad implements AutoCloseable {
    /** The topic of the throughput figure's events: a document event whose read finds no news. */
    static final String TOPIC = "customer_verification_document_uploaded";

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient client;
    private final int port;
    private final String path;
    private final int connections;
    private final WebhookSignature signature;

    /** What one slice came to. */
    record Slice(long ok, long errors, long nanos) {
        double perSecond() {
            return ok * 1e9 / nanos;
        }
    }

    WebhookLoad(int port, String path, int connections, String secret) {
        this.port = port;
        this.path = path;
        this.connections = connections;
        this.signature = WebhookSignature.of(secret);
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    /** A realistic Dwolla event body (about 890 bytes) for {@code documentId} of {@code customerId}. */
    static byte[] event(String eventId, String topic, String documentId, String customerId, String base) {
        String now = Instant.now().toString();
        return ("{\"_links\":{\"self\":{\"href\":\"" + base + "/events/" + eventId + "\",\"type\":"
                + "\"application/vnd.dwolla.v1.hal+json\",\"resource-type\":\"event\"},\"account\":{\"href\":\""
                + base + "/accounts/ad5f2162-404a-4c4c-994e-6ab6c3a13254\",\"type\":"
                + "\"application/vnd.dwolla.v1.hal+json\",\"resource-type\":\"account\"},\"resource\":{\"href\":\""
                + base + "/documents/" + documentId + "\",\"type\":\"application/vnd.dwolla.v1.hal+json\","
                + "\"resource-type\":\"document\"},\"customer\":{\"href\":\"" + base + "/customers/" + customerId
                + "\",\"type\":\"application/vnd.dwolla.v1.hal+json\",\"resource-type\":\"customer\"}},"
                + "\"id\":\"" + eventId + "\",\"resourceId\":\"" + documentId + "\",\"topic\":\"" + topic
                + "\",\"timestamp\":\"" + now + "\",\"created\":\"" + now + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Posts one signed body; completes with the status. */
    Future<Integer> post(byte[] body) {
        Buffer buffer = Buffer.buffer(body);
        String sig = signature.sign(body);
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(path)).compose(request -> {
                    request.putHeader(WebhookSignature.HEADER, sig);
                    request.putHeader("Content-Type", "application/json");
                    return request.send(buffer).compose(response -> response.body()
                            .map(ignored -> response.statusCode()));
                });
    }

    /**
     * {@code connections} closed loops for {@code millis}; answers that arrive after the end are not counted.
     * {@code body} makes each request's body from a sequence number.
     */
    Slice run(long millis, java.util.function.LongFunction<byte[]> body) throws InterruptedException {
        var ok = new AtomicLong();
        var errors = new AtomicLong();
        var seq = new AtomicLong();
        var stop = new AtomicBoolean();
        var drained = new CountDownLatch(connections);
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
        for (int c = 0; c < connections; c++) {
            vertx.runOnContext(v -> loop(body, seq, ok, errors, stop, end, drained));
        }
        Thread.sleep(millis);
        stop.set(true);
        if (!drained.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight 30 s after the slice");
        }
        return new Slice(ok.get(), errors.get(), end - start);
    }

    private void loop(java.util.function.LongFunction<byte[]> body, AtomicLong seq, AtomicLong ok,
            AtomicLong errors, AtomicBoolean stop, long end, CountDownLatch drained) {
        if (stop.get()) {
            drained.countDown();
            return;
        }
        post(body.apply(seq.incrementAndGet())).onComplete(r -> {
            if (System.nanoTime() <= end) {
                if (r.succeeded() && r.result() == 200) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            }
            loop(body, seq, ok, errors, stop, end, drained);
        });
    }

    static String newEventId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
