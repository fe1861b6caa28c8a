package io.docverify.grpc;

import io.docverify.application.AppliedEvents;
import io.docverify.application.ChangeRecorder;
import io.docverify.application.DocumentService;
import io.docverify.application.HistoryService;
import io.docverify.application.RecordedUploads;
import io.docverify.application.ReplicaFanOut;
import io.docverify.application.DocumentWatchService;
import io.docverify.application.ServiceEventLog;
import io.docverify.application.WatchConfig;
import io.docverify.grpc.backend.Backend;
import io.docverify.grpc.config.ServiceConfig;
import io.docverify.grpc.connection.ConnectionLayer;
import io.docverify.grpc.connection.ConnectionRegistry;
import io.docverify.grpc.error.MalformedRequests;
import io.docverify.grpc.metrics.CallerMetricsInterceptor;
import io.docverify.grpc.metrics.MetricsHttpServer;
import io.docverify.grpc.security.ApiKeyInterceptor;
import io.docverify.grpc.security.ApiKeys;
import io.docverify.grpc.security.AuthFailures;
import io.docverify.grpc.security.ScopeInterceptor;
import io.docverify.grpc.service.DocumentGrpcService;
import io.docverify.grpc.service.EventStreams;
import io.docverify.grpc.service.SandboxGrpcService;
import io.docverify.grpc.service.UploadGuards;
import io.docverify.grpc.store.ServiceStores;
import io.docverify.grpc.store.StoreMaintenance;
import io.docverify.grpc.v1.DocumentServiceGrpc;
import io.docverify.grpc.webhook.DwollaWebhookCodec;
import io.docverify.grpc.webhook.WebhookIntake;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.Journal;
import io.docverify.grpc.v1.SandboxServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.docverify.grpc.tracing.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The docverify gRPC server: the document and sandbox services over a {@link Backend}, with health checking,
 * reflection, API-key authentication, per-RPC metrics and a Prometheus endpoint; with a webhook secret set, the
 * webhook intake on its own port ({@link WebhookIntake}), which publishes each review on the backend's bus. Shaped like grpc-java's
 * RouteGuideServer: {@link #start}, {@link #stop}, {@link #blockUntilShutdown}.
 *
 * <p>A shutdown is graceful: new calls are refused with UNAVAILABLE (also on connections already open), health
 * turns NOT_SERVING, open watches end with UNAVAILABLE (clients watch again elsewhere), calls in flight get
 * {@link ServiceConfig#shutdownGrace()} to finish; then uploads still open end with UNAVAILABLE (the client retries
 * with its idempotency key) and whatever is left is cancelled.
 */
public final class DocverifyServer {
    private static final Logger LOG = LoggerFactory.getLogger(DocverifyServer.class);

    private final ServiceConfig config;
    private final Backend backend;
    private final ApiKeys keys;
    private final Transport transport;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ShutdownGate gate = new ShutdownGate();
    private final PrometheusMeterRegistry registry;
    private final ScheduledThreadPoolExecutor scheduler;
    private final OpenTelemetry openTelemetry;
    private final Journal journal;
    private DocumentGrpcService documents;
    private EventStreams eventStreams;
    private Server server;
    private MetricsHttpServer metrics;
    private WebhookIntake webhooks;
    private ServiceStores stores;
    private StoreMaintenance maintenance;
    private ReplicaFanOut fanOut;
    private ChangeRecorder recorder;
    private boolean stopped;

    /** The transport a server listens on: Netty on a socket ({@link Transports#netty}), or in-process in tests. */
    @FunctionalInterface
    public interface Transport {
        ServerBuilder<?> builder(ServiceConfig config) throws IOException;

        /** The builder, its connections tracked by {@code connections} (a socket transport's cap and closing). */
        default ServerBuilder<?> builder(ServiceConfig config, ConnectionRegistry connections) throws IOException {
            return builder(config);
        }
    }

    public DocverifyServer(ServiceConfig config, Backend backend, ApiKeys keys, Transport transport) {
        this(config, backend, keys, transport, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** A server whose metrics (and the backend's, if it was given the same registry) go to {@code registry}. */
    public DocverifyServer(ServiceConfig config, Backend backend, ApiKeys keys, Transport transport,
            PrometheusMeterRegistry registry) {
        this(config, backend, keys, transport, registry, OpenTelemetry.noop());
    }

    /**
     * A server that also traces every RPC with {@code openTelemetry} ({@link OpenTelemetry#noop()}: not traced),
     * and shuts it down when it stops.
     */
    public DocverifyServer(ServiceConfig config, Backend backend, ApiKeys keys, Transport transport,
            PrometheusMeterRegistry registry, OpenTelemetry openTelemetry) {
        this(config, backend, keys, transport, registry, openTelemetry, null);
    }

    /**
     * A server whose ListDocumentHistory reads {@code journal} (tests that write entries themselves) instead of
     * the journal of its stores ({@link #stores()}), which is where the service records; null: its stores'.
     */
    public DocverifyServer(ServiceConfig config, Backend backend, ApiKeys keys, Transport transport,
            PrometheusMeterRegistry registry, OpenTelemetry openTelemetry, Journal journal) {
        this.journal = journal;
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "docverify-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Binds and starts serving; the metrics endpoint too, if configured. */
    public synchronized DocverifyServer start() throws IOException {
        if (server != null || stores != null) {
            throw new IllegalStateException("already started");
        }
        try {
            return startAll();
        } catch (IOException | RuntimeException e) {
            closeStores();
            throw e;
        }
    }

    private void closeStores() {
        if (maintenance != null) {
            maintenance.close();
        }
        if (fanOut != null) {
            fanOut.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    private DocverifyServer startAll() throws IOException {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        // The service's own state first: a database that cannot be reached, or whose schema is newer, stops the start.
        stores = ServiceStores.start(config.database(), config.webhook(), Clock.systemUTC());
        ChangeRecorder.Observer storeObserver = (what, cause) -> LOG.atWarn().addKeyValue("event", "store.failed")
                .log("could not " + what + ": " + cause.getClass().getSimpleName());
        recorder = new ChangeRecorder(stores.journal(), stores.notifications(), storeObserver);
        var useCases = new DocumentService(backend.documents());
        var uploads = new RecordedUploads(useCases, useCases, stores.journal(), stores.idempotency(), scheduler,
                Clock.systemUTC(), stores.replica(), config.database().lease(), storeObserver);
        var watchConfig = new WatchConfig(config.watchPollInterval().orElse(backend.defaultWatchPollInterval()));
        var watches = new DocumentWatchService(useCases, backend.events(), scheduler, watchConfig,
                Optional.of(recorder));
        var uploadGuards = new UploadGuards(scheduler, config.uploadTimeout(), config.maxConcurrentUploads(),
                keys.withScope(io.docverify.grpc.security.Scope.UPLOAD), config.uploadGuards(), registry);
        // WatchEvents' log: it follows the bus only where the backend's changes happen in process; with Dwolla the
        // webhook processor feeds it (eventLog() as its AppliedEvents) and also publishes on the bus.
        var eventLog = new ServiceEventLog(config.events(), Clock.systemUTC());
        if (backend.changesHappenInProcess()) {
            backend.events().ifPresent(eventLog::follow);
            // The in-process provider's reviews and status changes (the sandbox's) go to the journal too.
            backend.events().ifPresent(bus -> bus.subscribe(recorder.sandboxListener()));
        }
        eventStreams = new EventStreams(eventLog);
        // Other replicas' changes: re-published on this replica's bus (and, with Dwolla, WatchEvents' log).
        fanOut = new ReplicaFanOut(recorder, stores.notifications(), backend.events(),
                backend.changesHappenInProcess() ? AppliedEvents.NONE : eventLog, storeObserver).start(0);
        documents = new DocumentGrpcService(uploads, useCases, useCases, watches, uploadGuards, eventStreams,
                new HistoryService(journal()));
        Gauge.builder("docverify.events.streams", eventStreams, EventStreams::active)
                .description("WatchEvents streams open").register(registry);
        Gauge.builder("docverify.events.retained", eventLog, ServiceEventLog::size)
                .description("events WatchEvents can replay (DOCVERIFY_EVENTS_MAX, DOCVERIFY_EVENTS_RETENTION)")
                .register(registry);
        Gauge.builder("docverify.uploads.in.progress", documents, DocumentGrpcService::uploadsInProgress)
                .description("UploadDocument calls in progress (DOCVERIFY_MAX_CONCURRENT_UPLOADS bounds them)")
                .register(registry);
        var sandbox = new SandboxGrpcService(backend.sandbox(), backend.name());
        var metricsInterceptor = new MetricCollectingServerInterceptor(registry);
        metricsInterceptor.preregisterService(documents);
        metricsInterceptor.preregisterService(sandbox);

        var connections = new ConnectionRegistry(config.connections().maxConnections());
        var authFailures = new AuthFailures(config.connections().maxAuthFailures(),
                config.connections().authFailureLogInterval(), connections::close);
        // Every service's request messages are parsed under MalformedRequests' rules: the client's mistake.
        ServerBuilder<?> builder = transport.builder(config, connections)
                .addService(MalformedRequests.guard(documents.bindService()))
                .addService(MalformedRequests.guard(sandbox.bindService()))
                .addService(MalformedRequests.guard(health.getHealthService().bindService()))
                .addService(MalformedRequests.guard(ProtoReflectionServiceV1.newInstance().bindService()))
                // v1alpha as well, as grpc-go's reflection.Register does: older grpcurl, Postman, Evans speak it.
                .addService(MalformedRequests.guard(reflectionV1Alpha()))
                .maxInboundMessageSize(ConnectionLayer.MAX_INBOUND_MESSAGE_BYTES)
                .addTransportFilter(authFailures.transportFilter())
                // Interceptors run in reverse order: metrics first, so refused calls are counted too; then the
                // shutdown gate, which refuses calls once stop() began; then the key (who calls), the per-caller
                // count, and the key's scope (may it call this method).
                .intercept(new ScopeInterceptor(keys))
                .intercept(new CallerMetricsInterceptor(registry))
                .intercept(new ApiKeyInterceptor(keys, authFailures))
                .intercept(gate)
                .intercept(metricsInterceptor);
        if (openTelemetry != OpenTelemetry.noop()) {
            // Outermost: every call, refused ones included, is a span, current while the others run (and log).
            builder.intercept(Telemetry.serverInterceptor(openTelemetry));
        }
        server = builder.build().start();
        for (String service : List.of(HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
                DocumentServiceGrpc.SERVICE_NAME, SandboxServiceGrpc.SERVICE_NAME)) {
            health.setStatus(service, ServingStatus.SERVING);
        }
        maintenance = new StoreMaintenance(stores, config.database(), config.webhook().replayWindow(),
                Clock.systemUTC(), this::databaseReachable).start(scheduler);
        if (config.webhook().enabled()) {
            webhooks = startWebhooks();
            config.webhook().publicUrl().ifPresent(this::subscribe);
        }
        if (config.metricsPort().isPresent()) {
            try {
                metrics = MetricsHttpServer.start(
                        new InetSocketAddress(config.metricsBindAddress(), config.metricsPort().getAsInt()), registry);
            } catch (IOException e) {
                server.shutdownNow();
                if (webhooks != null) {
                    webhooks.close();
                }
                throw new IOException("cannot serve metrics on " + config.metricsBindAddress() + ":"
                        + config.metricsPort().getAsInt() + " (DOCVERIFY_METRICS_BIND_ADDRESS, DOCVERIFY_METRICS_PORT): "
                        + e.getMessage(), e);
            }
        }
        for (String warning : NetworkExposure.warnings(server.getListenSockets(), config.tls().isPresent(),
                metricsAddress())) {
            LOG.atWarn().addKeyValue("event", "server.exposed").log(warning);
        }
        LOG.atInfo().addKeyValue("event", "server.started").addKeyValue("backend", backend.name())
                .addKeyValue("port", port()).addKeyValue("metricsPort", metricsPort().orElse(-1))
                .addKeyValue("tls", config.tls().map(t -> t.mutual() ? "mutual" : "server").orElse("off"))
                .addKeyValue("apiKeys", keys.size()).log("docverify started");
        return this;
    }

    /**
     * Makes sure the provider sends its webhooks to the intake's public URL ({@code DOCVERIFY_WEBHOOK_PUBLIC_URL}),
     * without holding up the start: a failure is one warning (reconciliation still reads every event back).
     */
    private void subscribe(java.net.URI publicUrl) {
        backend.ensureWebhookSubscription(publicUrl, config.webhook().secret().orElseThrow())
                .whenComplete((id, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException c
                                && c.getCause() != null ? c.getCause() : failure;
                        String code = cause instanceof io.docverify.domain.error.DocumentException d
                                ? d.error().wireCode() : cause.getClass().getSimpleName();
                        LOG.atWarn().addKeyValue("event", "webhook.subscribe.failed").addKeyValue("code", code)
                                .log("could not make sure a webhook subscription exists for DOCVERIFY_WEBHOOK_PUBLIC_URL;"
                                        + " subscribe by hand (reconciliation still reads missed events back)");
                    } else if (id.isPresent()) {
                        LOG.atInfo().addKeyValue("event", "webhook.subscribed").addKeyValue("subscription", id.get())
                                .log("webhook subscription in place for DOCVERIFY_WEBHOOK_PUBLIC_URL");
                    }
                });
    }

    /** The webhook intake on the backend's provider and bus (see {@link WebhookIntake}). */
    private WebhookIntake startWebhooks() throws IOException {
        var settings = config.webhook();
        var parts = new WebhookIntake.Parts(settings,
                DwollaWebhookCodec.rotating(settings.secret().orElseThrow(), settings.previousSecret()),
                backend.documents(), backend.events().<DocumentEventPublisher>map(bus -> bus)
                        .orElse(DocumentEventPublisher.NONE), backend.eventFeed(),
                stores.inbox(), eventStreams.log(), scheduler, registry, Clock.systemUTC(), WebhookIntake.RETRY_DELAY,
                Optional.of(recorder));
        try {
            return WebhookIntake.start(parts);
        } catch (Exception e) {
            server.shutdownNow();
            throw new IOException("cannot serve webhooks on " + settings.bindAddress() + ":"
                    + settings.port().orElse(0) + " (DOCVERIFY_WEBHOOK_BIND_ADDRESS, DOCVERIFY_WEBHOOK_PORT): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Health follows the database: NOT_SERVING while it does not answer (uploads and webhooks are refused as
     * unavailable meanwhile), SERVING again once it does. Ignored once stopping (health is terminal then).
     */
    private void databaseReachable(boolean reachable) {
        ServingStatus status = reachable ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        for (String service : List.of(HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
                DocumentServiceGrpc.SERVICE_NAME, SandboxServiceGrpc.SERVICE_NAME)) {
            health.setStatus(service, status);
        }
    }

    /**
     * The stores of the service's own state this server runs on (its journal is what {@code ListDocumentHistory}
     * reads). Set once started.
     */
    public ServiceStores stores() {
        return stores;
    }

    /** The bound webhook port, if the intake runs. */
    public OptionalInt webhookPort() {
        return webhooks == null ? OptionalInt.empty() : OptionalInt.of(webhooks.port());
    }

    /** The webhook intake, if it runs. */
    public Optional<WebhookIntake> webhooks() {
        return Optional.ofNullable(webhooks);
    }

    /** The bound gRPC port (-1 for an in-process transport). */
    public int port() {
        return server.getPort();
    }

    /** The bound metrics port, if metrics are served. */
    public OptionalInt metricsPort() {
        return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.port());
    }

    /** The bound address of the metrics endpoint, if metrics are served. */
    public Optional<InetSocketAddress> metricsAddress() {
        return metrics == null ? Optional.empty() : Optional.of(metrics.address());
    }

    /** The audit journal ListDocumentHistory reads: the given one, else its stores' (once started). */
    public Journal journal() {
        return journal != null ? journal : stores.journal();
    }

    /** The registry of the per-RPC metrics. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * WatchEvents' log: with the Dwolla backend, the webhook processor's {@code AppliedEvents}. Set once started.
     */
    public ServiceEventLog eventLog() {
        return eventStreams.log();
    }

    /** How many WatchEvents streams are open. */
    public int activeEventStreams() {
        return eventStreams.active();
    }

    /** How many watches are open. */
    public int activeWatches() {
        return documents.activeWatches();
    }

    /** Shuts down gracefully (see the class comment); safe to call more than once and from a shutdown hook. */
    public synchronized void stop() {
        if (server == null || stopped) {
            return;
        }
        stopped = true;
        LOG.atInfo().addKeyValue("event", "server.stopping").addKeyValue("openWatches", documents.activeWatches())
                .log("shutting down");
        gate.close();
        if (webhooks != null) {
            webhooks.close();
        }
        health.enterTerminalState();
        documents.closeWatches();
        server.shutdown();
        try {
            long graceNanos = config.shutdownGrace().toNanos();
            if (!server.awaitTermination(graceNanos, TimeUnit.NANOSECONDS)) {
                LOG.atWarn().addKeyValue("event", "server.forcedStop").addKeyValue("openUploads",
                        documents.uploadsInProgress()).log("calls still running after the grace period; ending "
                        + "uploads with UNAVAILABLE and cancelling the rest");
                // Uploads first, with a status the client retries (with its idempotency key); then whatever is left.
                documents.closeUploads();
                server.awaitTermination(1, TimeUnit.SECONDS);
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            scheduler.shutdownNow();
            eventStreams.close();
            backend.close();
            closeStores();
            registry.close();
            Telemetry.shutdown(openTelemetry);
            LOG.atInfo().addKeyValue("event", "server.stopped").log("docverify stopped");
        }
    }

    /** Waits until the server has terminated. */
    public void blockUntilShutdown() throws InterruptedException {
        Server s;
        synchronized (this) {
            s = server;
        }
        if (s != null) {
            s.awaitTermination();
        }
    }

    /**
     * {@code grpc.reflection.v1alpha.ServerReflection}: grpc-java marks it deprecated in favour of v1, but many
     * tools still speak only v1alpha. It takes the same key rules as v1 (ScopeInterceptor: a valid key, no scope).
     */
    @SuppressWarnings("deprecation")
    private static ServerServiceDefinition reflectionV1Alpha() {
        return ProtoReflectionService.newInstance().bindService();
    }
}
