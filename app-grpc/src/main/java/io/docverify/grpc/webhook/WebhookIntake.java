package io.docverify.grpc.webhook;

import io.docverify.application.AppliedEvents;
import io.docverify.application.ChangeRecorder;
import io.docverify.application.Reconciler;
import io.docverify.application.WebhookProcessor;
import io.docverify.grpc.config.WebhookSettings;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.EventFeed;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.stream.Completions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook intake, assembled: the HTTP port ({@link WebhookServer}), the inbox it records into, the
 * {@link WebhookProcessor} that applies each new event after its answer, and, when the backend has an event feed,
 * the {@link Reconciler}: run at start, every {@link WebhookSettings#reconcileInterval()}, and
 * {@link Parts#retryDelay()} after a failed read (coalesced), so an event missed or left unprocessed is still
 * applied. {@link #close()} stops all of it (not the scheduler, which is the caller's).
 */
public final class WebhookIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    /**
     * What the intake works with.
     *
     * @param settings   the {@code DOCVERIFY_WEBHOOK_*} settings
     * @param codec      the signature check and the event parser
     * @param documents  where a document is read
     * @param events     where a document's change is published (the backend's bus)
     * @param feed       the provider's event feed, if it has one (no reconciliation without)
     * @param inbox      where events are recorded
     * @param applied    where applied events go
     * @param scheduler  runs the reconciliation schedule; the caller's
     * @param registry   where the meters go
     * @param clock      the present (replay window, lag)
     * @param retryDelay how long after a failed read reconciliation runs
     * @param recorder   where each change is journaled (and announced to the other replicas) before it is
     *                   published, if anywhere
     */
    public record Parts(WebhookSettings settings, WebhookCodec codec, DocumentProvider documents,
            DocumentEventPublisher events, Optional<EventFeed> feed, WebhookInbox inbox, AppliedEvents applied,
            ScheduledExecutorService scheduler, MeterRegistry registry, Clock clock, Duration retryDelay,
            Optional<ChangeRecorder> recorder) {
        /** Parts whose changes are not journaled. */
        public Parts(WebhookSettings settings, WebhookCodec codec, DocumentProvider documents,
                DocumentEventPublisher events, Optional<EventFeed> feed, WebhookInbox inbox, AppliedEvents applied,
                ScheduledExecutorService scheduler, MeterRegistry registry, Clock clock, Duration retryDelay) {
            this(settings, codec, documents, events, feed, inbox, applied, scheduler, registry, clock, retryDelay,
                    Optional.empty());
        }

        public Parts {
            Objects.requireNonNull(recorder, "recorder");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(documents, "documents");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(feed, "feed");
            Objects.requireNonNull(inbox, "inbox");
            Objects.requireNonNull(applied, "applied");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(retryDelay, "retryDelay");
        }
    }

    /** How long after a failed read reconciliation runs, unless given. */
    public static final Duration RETRY_DELAY = Duration.ofMinutes(1);

    private final Parts parts;
    private final Vertx vertx;
    private final WebhookMetrics metrics;
    private final WebhookProcessor processor;
    private final Optional<Reconciler> reconciler;
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private WebhookServer server;
    private ScheduledFuture<?> periodic;
    private volatile boolean closed;

    private WebhookIntake(Parts parts) {
        this.parts = parts;
        this.metrics = new WebhookMetrics(parts.registry());
        this.processor = new WebhookProcessor(parts.documents(), parts.inbox(), parts.events(), parts.applied(),
                parts.clock(), parts.settings().knownDocuments(), new Observer(), parts.recorder());
        this.reconciler = parts.feed().map(feed -> new Reconciler(feed, parts.inbox(), processor, parts.clock(),
                new Reconciler.Settings(parts.settings().replayWindow(), Reconciler.Settings.DEFAULTS.maxEvents(),
                        Reconciler.Settings.DEFAULTS.pageSize())));
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    }

    /** Binds the port, starts the schedule and the first reconciliation. */
    public static WebhookIntake start(Parts parts) throws Exception {
        var intake = new WebhookIntake(Objects.requireNonNull(parts, "parts"));
        try {
            intake.server = WebhookServer.start(intake.vertx, parts.settings(), parts.codec(), parts.inbox(),
                    intake::process, intake.metrics, parts.clock());
        } catch (Exception e) {
            intake.vertx.close();
            throw e;
        }
        if (intake.reconciler.isPresent()) {
            Duration every = parts.settings().reconcileInterval();
            if (!every.isZero()) {
                intake.periodic = parts.scheduler().scheduleWithFixedDelay(intake::reconcileQuietly, every.toNanos(),
                        every.toNanos(), TimeUnit.NANOSECONDS);
            }
            intake.reconcileQuietly();
        }
        LOG.atInfo().addKeyValue("event", "webhook.started").addKeyValue("port", intake.port())
                .addKeyValue("path", parts.settings().path())
                .addKeyValue("tls", parts.settings().tls().isPresent() ? "on" : "off")
                .addKeyValue("reconciliation", intake.reconciler.isPresent() ? "on" : "off (no event feed)")
                .log("webhook intake listening");
        return intake;
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** Runs reconciliation now (or joins the run going); empty without an event feed. */
    public Optional<CompletionStage<Reconciler.Result>> reconcile() {
        return reconciler.map(r -> r.run().whenComplete((result, error) -> {
            if (error != null) {
                metrics.reconcileFailed();
                LOG.atWarn().addKeyValue("event", "webhook.reconcileFailed")
                        .log("reconciliation could not read the event feed: " + Completions.unwrap(error));
            } else {
                metrics.reconciled(result);
                LOG.atInfo().addKeyValue("event", "webhook.reconciled").addKeyValue("read", result.read())
                        .addKeyValue("applied", result.applied()).addKeyValue("failed", result.failed())
                        .addKeyValue("complete", result.complete()).log("reconciliation ran");
            }
        }));
    }

    private void reconcileQuietly() {
        if (!closed) {
            reconcile();
        }
    }

    private void process(ProviderEvent event) {
        processor.process(event);
    }

    private void retrySoon() {
        if (reconciler.isEmpty() || closed || !retryScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            parts.scheduler().schedule(() -> {
                retryScheduled.set(false);
                reconcileQuietly();
            }, parts.retryDelay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            retryScheduled.set(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (periodic != null) {
            periodic.cancel(false);
        }
        if (server != null) {
            server.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.atWarn().addKeyValue("event", "webhook.closeFailed").log("the webhook intake did not stop: " + e);
        }
    }

    /** Metrics and logs for each processed event; a failure asks for a reconciliation soon. */
    private final class Observer implements WebhookProcessor.Observer {
        @Override
        public void processed(ProviderEvent event, WebhookProcessor.Outcome outcome, Duration lag) {
            metrics.processed(outcome, lag);
            LOG.atInfo().addKeyValue("event", "webhook.processed").addKeyValue("eventId", event.id())
                    .addKeyValue("topic", event.topic()).addKeyValue("outcome", outcome)
                    .addKeyValue("lagMs", lag.toMillis()).log("webhook event applied");
        }

        @Override
        public void failed(ProviderEvent event, Throwable cause) {
            metrics.processed(WebhookProcessor.Outcome.FAILED, Duration.ZERO);
            LOG.atWarn().addKeyValue("event", "webhook.processFailed").addKeyValue("eventId", event.id())
                    .addKeyValue("topic", event.topic())
                    .log("the event stays unprocessed, for reconciliation: " + cause.getClass().getSimpleName()
                            + ": " + cause.getMessage());
            retrySoon();
        }
    }

}
