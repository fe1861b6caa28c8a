package io.docverify.adapter.dwolla;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.EventPage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@link DocumentProvider} over Dwolla's HTTP API: the same documents and the same typed errors
 * ({@link io.docverify.domain.error.DocumentException} with Dwolla's code) as the in-memory stand-in, with
 * OAuth client credentials, retries that never create a second document, a circuit breaker, a rate limiter, a
 * time limit per attempt, a bulkhead on uploads, and Micrometer metrics. See the README, "Dwolla adapter:
 * configuration and guarantees".
 *
 * <p>Where the work happens: Dwolla does most of it (the owner, the idempotency key, the rules that need the
 * owner's state, the commit, the review). This provider runs the local pre-checks, the rules it can check without
 * Dwolla (size, file kind, declared size and digest, while the file is read once into the copy its retries send),
 * then sends, and makes a retry find the document an earlier attempt may have created ({@code Uploads}).
 *
 * <p>Thread-safe and non-blocking: every method returns at once; stages complete on Vert.x or scheduler
 * threads, so callers must not block inside their continuations (use the {@code *Async} variants to move on).
 * Close it to release its connections (and its Vert.x instance when it created one).
 */
public final class DwollaDocumentProvider implements DocumentProvider, AutoCloseable {
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final WebClient client;
    private final ScheduledExecutorService scheduler;
    private final DwollaConfig config;
    private final DwollaMetrics metrics;
    private final DwollaHttp http;
    private final Resilience resilience;
    private final Uploads uploads;
    private final DwollaEventFeed events = new DwollaEventFeed(this::events);
    private final DwollaWebhookSubscriptions subscriptions;
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DwollaDocumentProvider(Vertx vertx, boolean ownsVertx, DwollaConfig config, MeterRegistry registry,
            Clock clock, OpenTelemetry openTelemetry) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        Tracing tracing = Tracing.of(Objects.requireNonNull(openTelemetry, "openTelemetry"), vertx);
        this.ownsVertx = ownsVertx;
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        this.client = WebClient.create(vertx, new WebClientOptions()
                        .setUserAgent("docverify")
                        .setFollowRedirects(false)
                        .setKeepAlive(true)
                        .setConnectTimeout(Math.toIntExact(config.timeouts().connect().toMillis())),
                new PoolOptions().setHttp1MaxSize(config.maxConnections()));
        this.scheduler = tracing.propagating(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "docverify-dwolla-resilience");
            t.setDaemon(true);
            return t;
        }));
        this.metrics = new DwollaMetrics(registry);
        this.http = new DwollaHttp(client, config, metrics, clock, tracing);
        this.resilience = new Resilience(config, registry, scheduler, clock);
        this.uploads = new Uploads(http, resilience, config, metrics, clock);
        this.subscriptions = new DwollaWebhookSubscriptions(http, resilience, config, this::observed);
        HalJson.warmUp();
    }

    /** A provider with its own Vert.x instance, closed with it; not traced. */
    public static DwollaDocumentProvider create(DwollaConfig config, MeterRegistry registry) {
        return create(config, registry, OpenTelemetry.noop());
    }

    /**
     * A provider with its own Vert.x instance, closed with it, that traces every HTTP request to Dwolla as a client
     * span of the caller's current span (and sends W3C {@code traceparent}); {@link OpenTelemetry#noop()}: none.
     */
    public static DwollaDocumentProvider create(DwollaConfig config, MeterRegistry registry,
            OpenTelemetry openTelemetry) {
        return new DwollaDocumentProvider(Tracing.vertx(openTelemetry), true, config, registry, Clock.systemUTC(),
                openTelemetry);
    }

    /**
     * A provider on the application's Vert.x instance (left open by {@link #close()}); not traced (a traced
     * application's Vert.x instance has its own tracer).
     */
    public static DwollaDocumentProvider create(Vertx vertx, DwollaConfig config, MeterRegistry registry) {
        return new DwollaDocumentProvider(vertx, false, config, registry, Clock.systemUTC(), OpenTelemetry.noop());
    }

    /** The configuration in use (its {@code toString} hides the secret). */
    public DwollaConfig config() {
        return config;
    }

    /** The circuit breaker of Dwolla's host, for health checks. */
    public CircuitBreaker.State circuitState() {
        return resilience.circuitBreaker().getState();
    }

    @Override
    public CompletionStage<Document> create(DocumentSubmission command) {
        Objects.requireNonNull(command, "command");
        return observed("create", () -> uploads.create(command));
    }

    @Override
    public CompletionStage<Document> get(DocumentId id) {
        Objects.requireNonNull(id, "id");
        return observed("get", () -> resilience.read(abandoned -> http.get("get", "/documents/" + id.value(),
                config.timeouts().read(), abandoned).thenApply(r -> HalJson.document(r.body(), Optional.empty()))));
    }

    @Override
    public CompletionStage<DocumentPage> list(OwnerId owner) {
        Objects.requireNonNull(owner, "owner");
        return observed("list", () -> resilience.read(abandoned -> http.get("list", Paths.documentsOf(owner),
                config.timeouts().read(), abandoned).thenApply(r -> HalJson.documents(r.body(), owner))));
    }

    /**
     * Dwolla's events ({@code GET /events}) over this provider's connection, token, retries, circuit breaker, rate
     * limit, metrics and tracing; closed with this provider. The same instance on every call.
     */
    public DwollaEventFeed eventFeed() {
        return events;
    }

    /**
     * Dwolla's webhook subscriptions ({@code ensureSubscribed}) over this provider's token, retries, circuit
     * breaker, rate limit, metrics and tracing; closed with this provider. The same instance on every call.
     */
    public DwollaWebhookSubscriptions webhookSubscriptions() {
        return subscriptions;
    }

    private CompletionStage<EventPage> events(int offset, int limit) {
        return observed("events", () -> resilience.read(abandoned -> http.get("events",
                DwollaEventFeed.path(offset, limit), config.timeouts().read(), abandoned)
                .thenApply(r -> DwollaEventFeed.parse(r.body()))));
    }

    /** Times the call, tags its outcome, and turns any failure into the caller's typed error. */
    private <T> CompletionStage<T> observed(String operation, Supplier<CompletableFuture<T>> call) {
        Timer.Sample sample = metrics.start();
        CompletableFuture<T> calling;
        try {
            calling = closed ? CompletableFuture.failedFuture(Failures.closed()) : call.get();
        } catch (RuntimeException e) {
            calling = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        this.running.add(result);
        CompletableFuture<T> started = calling;
        result.whenComplete((value, error) -> {
            this.running.remove(result);
            if (result.isCancelled()) {
                started.cancel(true); // the caller gave up: an upload stops reading its file
            }
        });
        if (closed) {
            // closed while this call started: close() may have missed it
            result.completeExceptionally(Failures.closed());
        }
        calling.whenComplete((value, error) -> {
            if (error == null) {
                metrics.call(operation, "success", sample);
                result.complete(value);
            } else {
                metrics.call(operation, Failures.metricCode(error), sample);
                result.completeExceptionally(Failures.toCallerError(error));
            }
        });
        return result;
    }

    /** Releases the connections (and the Vert.x instance it created); calls still running fail. */
    @Override
    public void close() {
        closed = true;
        // Retries waiting on the scheduler would never run again: fail every call still running, now.
        for (CompletableFuture<?> call : List.copyOf(running)) {
            call.completeExceptionally(Failures.closed());
        }
        client.close();
        scheduler.shutdownNow();
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // closing anyway; nothing left to release
            }
        }
    }
}
