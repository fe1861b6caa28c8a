package io.docverify.grpc.webhook;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.adapter.inmemory.store.InMemoryWebhookInbox;
import io.docverify.application.DocumentEventBus;
import io.docverify.application.DocumentService;
import io.docverify.application.DocumentWatchService;
import io.docverify.application.WatchConfig;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.grpc.config.WebhookSettings;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.in.UploadDocumentCommand;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.EventFeed;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.sandbox.NewCustomer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An intake on 127.0.0.1 over the in-memory stand-in, whose reviews publish nothing: a watch (polling once a day)
 * can only hear a review through a webhook.
 */
final class WebhookHarness implements AutoCloseable {
    static final String SECRET = "the-current-webhook-secret";
    static final String PREVIOUS = "the-previous-webhook-secret";
    static final String PATH = "/dwolla/webhooks";
    static final int MAX_BYTES = 4096;

    final InMemoryDwolla dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO),
            DocumentEventPublisher.NONE, DocumentIdSource.RANDOM);
    final DocumentEventBus bus = new DocumentEventBus();
    final List<DocumentEvent> published = new CopyOnWriteArrayList<>();
    final List<ProviderEvent> applied = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    final DwollaWebhookCodec codec = DwollaWebhookCodec.rotating(SECRET, Optional.of(PREVIOUS));
    final WebhookInbox inbox;
    final WebhookIntake intake;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookHarness() throws Exception {
        this(new InMemoryWebhookInbox(Clock.systemUTC(), WebhookSettings.DEFAULT_REPLAY_WINDOW, 1000),
                Optional.empty());
    }

    WebhookHarness(WebhookInbox inbox, Optional<EventFeed> feed) throws Exception {
        this(inbox, feed, new WebhookSettings(Optional.of(SECRET), Optional.of(PREVIOUS), "127.0.0.1",
                OptionalInt.of(0), PATH, MAX_BYTES, WebhookSettings.DEFAULT_REPLAY_WINDOW, Optional.empty(),
                Duration.ZERO, 1000, WebhookSettings.DEFAULT_KNOWN_DOCUMENTS, Optional.empty()));
    }

    WebhookHarness(WebhookInbox inbox, Optional<EventFeed> feed, WebhookSettings settings) throws Exception {
        this.inbox = inbox;
        bus.subscribe(published::add);
        intake = WebhookIntake.start(new WebhookIntake.Parts(settings, codec, dwolla, bus, feed, inbox,
                applied::add, scheduler, registry, Clock.systemUTC(), Duration.ofMillis(50)));
    }

    /** A customer's new pending document. */
    Document pendingDocument() {
        CustomerId customer = dwolla.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                CustomerStatus.DOCUMENT)).toCompletableFuture().join().id();
        return new DocumentService(dwolla).upload(new UploadDocumentCommand(customer, DocumentType.PASSPORT,
                TestFiles.upload("scan.png", TestFiles.png()), Optional.empty())).toCompletableFuture().join();
    }

    void review(DocumentId id, ReviewDecision decision) {
        dwolla.reviewDocument(id, decision).toCompletableFuture().join();
    }

    /** A watch of {@code id} that polls once a day: it only hears the bus. */
    Recorder watch(DocumentId id) {
        var recorder = new Recorder();
        new DocumentWatchService(new DocumentService(dwolla), Optional.of(bus), scheduler,
                WatchConfig.polling(Duration.ofDays(1))).watch(id).subscribe(recorder);
        return recorder;
    }

    /** Dwolla's event JSON for a document topic. */
    static String event(String id, String topic, Document document, Instant created) {
        String owner = document.owner().map(o -> o.value()).orElse("c-unknown");
        return "{\"_links\":{\"self\":{\"href\":\"https://api-sandbox.dwolla.com/events/" + id + "\"},"
                + "\"resource\":{\"href\":\"https://api-sandbox.dwolla.com/documents/" + document.id() + "\"},"
                + "\"customer\":{\"href\":\"https://api-sandbox.dwolla.com/customers/" + owner + "\"}},"
                + "\"id\":\"" + id + "\",\"created\":\"" + created + "\",\"topic\":\"" + topic + "\","
                + "\"resourceId\":\"" + document.id() + "\"}";
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + intake.port() + path);
    }

    /** POSTs {@code body} signed with {@code secret} (null: unsigned). */
    HttpResponse<String> post(String body, String secret) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(uri(PATH)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Dwolla-Topic", "any")
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw));
        if (secret != null) {
            request.header("x-request-signature-sha-256", DwollaWebhookCodec.rotating(secret, Optional.empty())
                    .sign(raw));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    double received(String outcome) {
        return registry.find("docverify.webhooks.received").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        intake.close();
        scheduler.shutdownNow();
        dwolla.close();
    }

    /** Records a watch's documents. */
    static final class Recorder implements Flow.Subscriber<Document> {
        final BlockingQueue<Document> documents = new LinkedBlockingQueue<>();
        volatile boolean completed;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Document item) {
            documents.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
            completed = true;
        }

        Document next() throws InterruptedException {
            Document d = documents.poll(10, TimeUnit.SECONDS);
            if (d == null) {
                throw new AssertionError("the watch sent nothing within 10 s");
            }
            return d;
        }
    }
}
