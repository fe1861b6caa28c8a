package io.docverify.grpc.webhook;

import io.docverify.grpc.config.WebhookSettings;
import io.docverify.grpc.logging.LogBudget;
import io.docverify.grpc.webhook.WebhookMetrics.Received;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the intake, on Vert.x: only {@code POST} on the configured path (another path is 404, another
 * method 405). For each delivery, in this order:
 * <ol>
 * <li>a body over the limit is 413 and the connection is closed: refused by its {@code Content-Length} before a
 * byte is read, or (chunked) as soon as the bytes received pass the limit, so at most the limit is buffered;</li>
 * <li>a missing or wrong signature is 401 and nothing else happens;</li>
 * <li>a body that is no event is 400;</li>
 * <li>an event created longer ago than the replay window is 410 (a replay; see the README for why 410);</li>
 * <li>the event is recorded under its id: a new one is 200 and is then processed, after the answer; a duplicate is
 * 200 and nothing else; a record that cannot be made is 503, so Dwolla delivers it again.</li>
 * </ol>
 * Logs carry event ids and topics, never a secret or a body; refusals log at most a few lines a minute.
 */
final class WebhookServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

    private final WebhookSettings settings;
    private final WebhookCodec codec;
    private final WebhookInbox inbox;
    private final Consumer<ProviderEvent> process;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final LogBudget refusals = new LogBudget(5, Duration.ofMinutes(1));
    private final HttpServer server;

    private WebhookServer(WebhookSettings settings, WebhookCodec codec, WebhookInbox inbox,
            Consumer<ProviderEvent> process, WebhookMetrics metrics, Clock clock, HttpServer server) {
        this.settings = settings;
        this.codec = codec;
        this.inbox = inbox;
        this.process = process;
        this.metrics = metrics;
        this.clock = clock;
        this.server = server;
    }

    /** Binds and serves; {@code process} gets each newly recorded event after its answer. */
    static WebhookServer start(Vertx vertx, WebhookSettings settings, WebhookCodec codec, WebhookInbox inbox,
            Consumer<ProviderEvent> process, WebhookMetrics metrics, Clock clock) throws Exception {
        var options = new HttpServerOptions().setHost(settings.bindAddress()).setPort(settings.port().orElse(0))
                // Dwolla waits 10 s for an answer; a connection silent for longer is no delivery.
                .setIdleTimeout(15).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(2048).setMaxHeaderSize(8192).setDecompressionSupported(false);
        settings.tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.certChainFile().toString()).setKeyPath(tls.privateKeyFile().toString())));
        HttpServer http = vertx.createHttpServer(options);
        var server = new WebhookServer(settings, codec, inbox, process, metrics, clock, http);
        http.requestHandler(server::handle);
        http.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return server;
    }

    /** The bound port. */
    int port() {
        return server.actualPort();
    }

    /** Stops listening. */
    void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.atWarn().addKeyValue("event", "webhook.closeFailed").log("the webhook port did not close: " + e);
        }
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals(settings.path())) {
            answer(request, 404);
            return;
        }
        if (request.method() != HttpMethod.POST) {
            request.response().putHeader(HttpHeaders.ALLOW, "POST");
            answer(request, 405);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > settings.maxBytes()) {
                tooLarge(request);
                return;
            }
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        var body = new Body(settings.maxBytes());
        request.handler(chunk -> {
            if (!body.add(chunk)) {
                tooLarge(request);
            }
        });
        request.exceptionHandler(e -> body.abandon());
        request.endHandler(v -> {
            if (body.open()) {
                deliver(request, body.bytes());
            }
        });
    }

    private void deliver(HttpServerRequest request, byte[] raw) {
        String signature = request.getHeader(codec.signatureHeader());
        WebhookCodec.Signed signed = signature == null ? WebhookCodec.Signed.NONE : codec.verify(raw, signature);
        if (signed == WebhookCodec.Signed.NONE) {
            refuse(request, 401, Received.BAD_SIGNATURE, signature == null ? "webhook.unsigned" : "webhook.badSignature",
                    signature == null ? "a webhook without a signature, refused" : "a webhook whose signature "
                            + "matches no configured secret, refused");
            return;
        }
        ProviderEvent event;
        try {
            event = codec.parse(raw);
        } catch (RuntimeException e) {
            refuse(request, 400, Received.MALFORMED, "webhook.malformed", "a signed webhook that is no event, "
                    + "refused (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (event.created().isBefore(clock.instant().minus(settings.replayWindow()))) {
            metrics.received(event.topic(), Received.STALE);
            long dropped = refusals.take();
            if (dropped >= 0) {
                LOG.atWarn().addKeyValue("event", "webhook.stale").addKeyValue("eventId", event.id())
                        .addKeyValue("topic", event.topic()).addKeyValue("created", event.created())
                        .addKeyValue("dropped", dropped).log("an event older than the replay window, refused as a replay");
            }
            answer(request, 410);
            return;
        }
        if (signed == WebhookCodec.Signed.PREVIOUS) {
            LOG.atInfo().addKeyValue("event", "webhook.previousSecret").addKeyValue("eventId", event.id())
                    .log("a webhook signed with the previous secret (a rotation is under way)");
        }
        try {
            inbox.record(event).whenComplete((recorded, error) -> recorded(request, event, recorded, error));
        } catch (RuntimeException e) {
            recorded(request, event, null, e);
        }
    }

    private void recorded(HttpServerRequest request, ProviderEvent event, WebhookInbox.Recorded recorded,
            Throwable error) {
        if (error != null) {
            metrics.received(event.topic(), Received.FAILED);
            LOG.atWarn().addKeyValue("event", "webhook.notRecorded").addKeyValue("eventId", event.id())
                    .addKeyValue("topic", event.topic())
                    .log("the webhook inbox cannot record the event; answered 503 so Dwolla delivers it again: "
                            + io.docverify.ports.stream.Completions.unwrap(error).getMessage());
            answer(request, 503);
            return;
        }
        if (recorded == WebhookInbox.Recorded.DUPLICATE) {
            metrics.received(event.topic(), Received.DUPLICATE);
            LOG.atDebug().addKeyValue("event", "webhook.duplicate").addKeyValue("eventId", event.id())
                    .addKeyValue("topic", event.topic()).log("a delivery of an event already recorded");
            answer(request, 200);
            return;
        }
        metrics.received(event.topic(), Received.ACCEPTED);
        // DEBUG: the INFO line of each event is webhook.processed (or webhook.processFailed), which names it too.
        LOG.atDebug().addKeyValue("event", "webhook.accepted").addKeyValue("eventId", event.id())
                .addKeyValue("topic", event.topic()).log("webhook recorded");
        answer(request, 200);
        // After the answer: Dwolla never waits for the read.
        process.accept(event);
    }

    private void tooLarge(HttpServerRequest request) {
        refuse(request, 413, Received.TOO_LARGE, "webhook.tooLarge", "a webhook body over " + settings.maxBytes()
                + " bytes (DOCVERIFY_WEBHOOK_MAX_BYTES), refused");
    }

    private void refuse(HttpServerRequest request, int status, Received outcome, String event, String message) {
        metrics.received(WebhookMetrics.UNKNOWN_TOPIC, outcome);
        long dropped = refusals.take();
        if (dropped >= 0) {
            LOG.atWarn().addKeyValue("event", event).addKeyValue("status", status)
                    .addKeyValue("remote", String.valueOf(request.remoteAddress())).addKeyValue("dropped", dropped)
                    .log(message);
        }
        if (status == 413) {
            // The rest of the body is not read: close the connection once the answer is out.
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            request.response().setStatusCode(status).end().onComplete(x -> request.connection().close());
            return;
        }
        answer(request, status);
    }

    private static void answer(HttpServerRequest request, int status) {
        if (!request.response().ended()) {
            request.response().setStatusCode(status).end();
        }
    }

    /** The body so far, bounded: past the limit it is dropped and stays closed. */
    private static final class Body {
        private final int max;
        private Buffer buffer = Buffer.buffer();

        Body(int max) {
            this.max = max;
        }

        /** Appends; false (and closed) if the body would pass the limit or was closed. */
        boolean add(Buffer chunk) {
            if (buffer == null) {
                return true;
            }
            if (buffer.length() + chunk.length() > max) {
                buffer = null;
                return false;
            }
            buffer.appendBuffer(chunk);
            return true;
        }

        void abandon() {
            buffer = null;
        }

        boolean open() {
            return buffer != null;
        }

        byte[] bytes() {
            return buffer.getBytes();
        }
    }
}
