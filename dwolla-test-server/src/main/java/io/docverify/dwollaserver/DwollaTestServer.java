package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.EventLog;
import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.sandbox.SandboxUseCase;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A Dwolla-compatible HTTP server for the documents API, on Vert.x Web, backed by an {@link InMemoryDwolla} (so
 * its rules are the in-memory adapter's rules): {@code POST /token}, the two multipart uploads, the two lists and
 * {@code GET /documents/{id}}, with Dwolla's HAL+JSON bodies, {@code Location} headers, error bodies, bearer tokens
 * and {@code Idempotency-Key}. Uploads stream into the backend with back-pressure; nothing keeps a whole file
 * (except a file sent before its {@code documentType}, kept up to the size limit).
 *
 * <p>For tests: {@link #faults()} injects faults per route, {@link #journal()} lists every request seen,
 * {@link #openApiViolations()} lists every request and answer that broke Dwolla's OpenAPI description,
 * {@link #sandbox()} seeds owners and reviews documents. Never logs tokens, secrets or file bytes.
 */
public final class DwollaTestServer implements AutoCloseable {
    private static final Pattern KNOWN_PATHS =
            Pattern.compile("/token|/(customers|beneficial-owners)/[^/]+/documents|/documents/[^/]+"
                    + "|/customers|/customers/[^/]+(/beneficial-owners)?|/beneficial-owners/[^/]+");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DwollaTestServer.class);

    private final DwollaServerConfig config;
    private final Vertx vertx;
    private final HttpServer http;
    private final InMemoryDwolla backend;
    private final TokenStore tokens;
    private final DwollaJson json = new DwollaJson();
    private final FaultPlan faults = new FaultPlan();
    private final Journal journal;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile String accountId = java.util.UUID.randomUUID().toString(); // kept by the state file
    private final EventJson eventJson;
    private final WebhookStore webhookStore;
    private final WebhookSender webhookSender;
    private final OwnerProfiles profiles;
    private final SandboxState state;
    private final Object saving = new Object(); // one save at a time: the periodic one and close's
    private byte[] savedDigest; // of the state last written or read (guarded by saving)
    private java.util.concurrent.ScheduledExecutorService periodicSave; // with a state file and an interval
    private volatile String baseUrl;
    private final SandboxClock clock; // config.clock(), movable (control API)
    private SandboxControl control;
    private ReviewerPage reviewerPage;

    private DwollaTestServer(DwollaServerConfig config, Vertx vertx, InMemoryDwolla backend,
            SandboxClock clock) {
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.backend = backend;
        this.journal = new Journal(config.journalCapacity());
        this.json.errorStyle(config.errorStyle());
        this.tokens = new TokenStore(clock, config.tokenTtl(), config.key(), config.secret());
        this.http = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()));
        this.eventJson = new EventJson(json, () -> accountId);
        this.webhookStore = new WebhookStore(clock);
        this.webhookSender = new WebhookSender(vertx, clock, config.webhooks(), webhookStore, eventJson,
                backend.events());
        this.profiles = new OwnerProfiles(config.clock(), config.backend().maxOwners());
        this.state = new SandboxState(backend, config.backend().limits(), profiles, webhookStore, clock,
                () -> accountId, restored -> accountId = restored);
    }

    /** Starts a server and returns once it listens. */
    public static DwollaTestServer start(DwollaServerConfig config) {
        Objects.requireNonNull(config, "config");
        Optional<DwollaOpenApiValidator> validator =
                config.validateAgainstOpenApi() ? Optional.of(DwollaOpenApiValidator.load()) : Optional.empty();
        Vertx vertx = Vertx.vertx();
        var clock = new SandboxClock(config.clock());
        var backend = new InMemoryDwolla(config.backend().withClock(clock.sharingOffset(config.backend().clock())),
                DocumentEventPublisher.NONE, DocumentIdSource.RANDOM);
        try {
            var server = new DwollaTestServer(config, vertx, backend, clock);
            Router router = server.router(validator);
            config.stateFile().ifPresent(file -> LOG.info("state restored from {} ({})", file,
                    server.state.restore(file)));
            server.http.requestHandler(router);
            int port = await(server.http.listen()).actualPort();
            String host = "0.0.0.0".equals(config.host()) || "::".equals(config.host()) ? "127.0.0.1" : config.host();
            server.baseUrl = "http://" + host + ":" + port;
            server.json.baseUrl(server.baseUrl);
            backend.events().linksUnder(java.net.URI.create(server.baseUrl));
            server.startPeriodicSave();
            return server;
        } catch (RuntimeException | Error e) {
            try {
                await(vertx.close());
            } finally {
                backend.close();
            }
            throw e;
        }
    }

    private Router router(Optional<DwollaOpenApiValidator> validator) {
        var shared = new Exchange.Shared(vertx, journal, validator, violations);
        var handlers = new Handlers(config, backend, tokens, json);
        Router router = Router.router(vertx);
        control = new SandboxControl(this, backend, clock);
        new ControlRoutes(control, reviewerPage = new ReviewerPage(control)).mount(router);
        reviewerPage.section("webhook-deliveries", () -> WebhookDeliveriesHtml.render(webhookStore.recent(50)));
        new EventRoutes(handlers, json, eventJson, backend.events()).mount(router, route -> arrive(shared, route));
        new WebhookRoutes(handlers, json, new WebhookJson(eventJson, () -> accountId), webhookStore, webhookSender::resend)
                .mount(router, route -> arrive(shared, route));
        router.post("/token")
                .handler(arrive(shared, Route.TOKEN))
                .handler(handlers::token);
        router.post("/customers/:id/documents")
                .handler(arrive(shared, Route.CREATE_CUSTOMER_DOCUMENT))
                .handler(ctx -> handlers.create(ctx, CustomerId::new));
        router.post("/beneficial-owners/:id/documents")
                .handler(arrive(shared, Route.CREATE_BENEFICIAL_OWNER_DOCUMENT))
                .handler(ctx -> handlers.create(ctx, BeneficialOwnerId::new));
        router.get("/customers/:id/documents")
                .handler(arrive(shared, Route.LIST_CUSTOMER_DOCUMENTS))
                .handler(ctx -> handlers.list(ctx, CustomerId::new));
        router.get("/beneficial-owners/:id/documents")
                .handler(arrive(shared, Route.LIST_BENEFICIAL_OWNER_DOCUMENTS))
                .handler(ctx -> handlers.list(ctx, BeneficialOwnerId::new));
        router.get("/documents/:id")
                .handler(arrive(shared, Route.GET_DOCUMENT))
                .handler(handlers::get);
        var owners = new OwnerRoutes(handlers, backend, json, profiles, () -> baseUrl);
        router.post("/customers").handler(arrive(shared, Route.CREATE_CUSTOMER)).handler(owners::createCustomer);
        router.get("/customers/:id").handler(arrive(shared, Route.GET_CUSTOMER)).handler(owners::getCustomer);
        router.post("/customers/:id/beneficial-owners").handler(arrive(shared, Route.CREATE_BENEFICIAL_OWNER))
                .handler(owners::createBeneficialOwner);
        router.get("/beneficial-owners/:id").handler(arrive(shared, Route.GET_BENEFICIAL_OWNER))
                .handler(owners::getBeneficialOwner);
        router.route().failureHandler(this::failed);
        router.route().handler(arrive(shared, Route.OTHER)).handler(ctx -> {
            Exchange ex = ctx.get(Handlers.EXCHANGE);
            boolean knownPath = KNOWN_PATHS.matcher(ctx.request().path()).matches()
                    || EventRoutes.KNOWN_PATHS.matcher(ctx.request().path()).matches();
            DocumentError error = knownPath
                    ? new DocumentError(ErrorCode.UNKNOWN, "MethodNotAllowed", "Method not allowed.", List.of(),
                            Optional.empty())
                    : Handlers.resourceNotFound();
            ex.drainThen(config.maxRequestBytes(), () -> ex.send(DwollaStatus.of(error), DwollaJson.HAL_JSON,
                    json.error(error), Map.of(), false));
        });
        return router;
    }

    /** The first handler of every route: journal ticket, request check, and the faults that replace processing. */
    private Handler<RoutingContext> arrive(Exchange.Shared shared, Route route) {
        return ctx -> {
            var ex = new Exchange(shared, ctx.request(), route, clock.instant());
            ctx.put(Handlers.EXCHANGE, ex);
            if (!route.readsBodyFirst()) {
                ex.checkRequest(Optional.empty()); // a form or JSON body is checked once read
            }
            Optional<Fault> fault = route == Route.OTHER ? Optional.empty() : faults.next(route);
            if (fault.isEmpty()) {
                ctx.next();
                return;
            }
            ex.fault(fault.get());
            Fault f = fault.get();
            if (f instanceof Fault.ResetBeforeProcessing) {
                resetOnArrival(ex);
            } else if (f instanceof Fault.Status status) {
                ex.drainThen(config.maxRequestBytes(), () -> ex.send(status.status(),
                        status.contentType().orElse(DwollaJson.HAL_JSON),
                        status.body().orElseGet(() -> DwollaJson.error(DwollaStatus.codeForStatus(status.status()),
                                DwollaStatus.messageForStatus(status.status()))),
                        Map.of(), false));
            } else if (f instanceof Fault.TooManyRequests tooMany) {
                ex.drainThen(config.maxRequestBytes(), () -> ex.send(429, DwollaJson.HAL_JSON,
                        DwollaJson.error("TooManyRequests", DwollaStatus.messageForStatus(429)),
                        Map.of("Retry-After", Long.toString(tooMany.retryAfterSeconds())), false));
            } else if (f instanceof Fault.Conflict) {
                ex.drainThen(config.maxRequestBytes(), () -> ex.send(409, DwollaJson.HAL_JSON,
                        DwollaJson.error("Conflict", DwollaStatus.messageForStatus(409)), Map.of(), false));
            } else {
                ctx.next(); // processed first; Exchange.respond spoils the answer
            }
        };
    }

    private static void resetOnArrival(Exchange ex) {
        if (!ex.route.isCreate() || ex.request.isEnded()) {
            ex.reset();
            return;
        }
        ex.request.handler(firstBytes -> ex.reset()); // mid-upload: after the first body bytes
        ex.request.endHandler(end -> ex.reset());
        ex.continueIfExpected();
    }

    /** A handler that threw: a Dwolla-shaped 500, so a server bug shows as a failing test, not a hang. */
    private void failed(RoutingContext ctx) {
        Exchange ex = ctx.get(Handlers.EXCHANGE);
        var error = Handlers.errorOf(ctx.failure() == null ? new IllegalStateException() : ctx.failure());
        if (ex == null) {
            ctx.response().setStatusCode(500).end();
        } else {
            ex.send(500, DwollaJson.HAL_JSON, json.error(error), Map.of(), false);
        }
    }

    // ------------------------------------------------------------------ the test-facing API

    /** {@code http://127.0.0.1:<port>}, the base of every URL the server answers (Location, HAL links). */
    public String baseUrl() {
        return baseUrl;
    }

    /** The control API ({@code /_sandbox/}) in process: review, move owners, move the clock, reset hooks. */
    public SandboxControl control() {
        return control;
    }

    /** The reviewer's page ({@code GET /_sandbox/}), to fill its sections. */
    public ReviewerPage reviewerPage() {
        return reviewerPage;
    }

    /** The port the server listens on. */
    public int port() {
        return http.actualPort();
    }

    /** The configuration it runs with. */
    public DwollaServerConfig config() {
        return config;
    }

    /** The backing in-memory adapter's sandbox: seed owners, move them, review documents. */
    public SandboxUseCase sandbox() {
        return backend;
    }

    /** The backing in-memory adapter as a provider, to look behind the HTTP API (e.g. count documents). */
    public DocumentProvider backend() {
        return backend;
    }

    /**
     * Every event the backend raised, as Dwolla's event resources ({@code GET /events}): read them, or
     * {@link EventLog#listen listen} in process.
     */
    public EventLog events() {
        return backend.events();
    }

    /** The id of the server's one account ({@code _links.account} of every event). */
    public String accountId() {
        return accountId;
    }

    /**
     * Sends at once every webhook retry that is due on the server's clock (and whatever waits for a free slot),
     * instead of at the next periodic check: call it after moving the clock.
     */
    public void deliverDueNow() {
        webhookSender.deliverDueNow();
    }

    /** The webhook fault plan: faults for the next deliveries. */
    public WebhookFaults webhookFaults() {
        return webhookSender.faults();
    }

    /** Every token issued so far now answers 401 {@code ExpiredAccessToken}; new tokens work. */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    /** The fault plan: faults queued per route. */
    public FaultPlan faults() {
        return faults;
    }

    /** Every request seen, in arrival order. */
    public Journal journal() {
        return journal;
    }

    /** Requests and answers that broke Dwolla's OpenAPI description (faulted answers are not checked). */
    public List<String> openApiViolations() {
        return List.copyOf(violations);
    }

    /** Switches the shape of upload refusals from now on (see {@link ErrorStyle}). */
    public void errorStyle(ErrorStyle style) {
        json.errorStyle(style);
    }

    /** The shape of upload refusals now. */
    public ErrorStyle errorStyle() {
        return json.errorStyle();
    }

    /**
     * Forgets what the server keeps beside the backend's owners (the sandbox's reset): the event log, the webhook
     * subscriptions with their webhooks and pending deliveries, and the owners' profiles.
     */
    void forgetEventsWebhooksAndProfiles() {
        webhookSender.reset();
        backend.events().clear();
        profiles.clear();
    }

    /** Forgets the violations seen so far. */
    public void clearOpenApiViolations() {
        violations.clear();
    }

    /**
     * Writes the state to the state file now, if one is configured (also done by {@link #close()}).
     *
     * @return what was written, or empty without a state file
     * @throws IOException if it cannot be written (the file is then unchanged)
     */
    public Optional<String> saveState() throws IOException {
        return save(true);
    }

    /**
     * Writes the state to the state file if it changed since it was last written or read (what
     * {@link DwollaServerConfig#stateInterval()} does on its own).
     *
     * @return what was written, or empty if nothing changed or there is no state file
     * @throws IOException if it cannot be written (the file is then unchanged)
     */
    public Optional<String> saveStateIfChanged() throws IOException {
        return save(false);
    }

    private Optional<String> save(boolean evenIfUnchanged) throws IOException {
        if (config.stateFile().isEmpty()) {
            return Optional.empty();
        }
        synchronized (saving) {
            SandboxState.Snapshot snapshot = state.snapshot();
            byte[] digest = state.digest(snapshot);
            if (!evenIfUnchanged && java.util.Arrays.equals(digest, savedDigest)) {
                return Optional.empty();
            }
            String counts = state.save(config.stateFile().get(), snapshot).toString();
            savedDigest = digest;
            return Optional.of(counts);
        }
    }

    /** With a state file and an interval: the state as read (or empty) is the saved one; then save when changed. */
    private void startPeriodicSave() {
        if (config.stateFile().isEmpty()) {
            return;
        }
        synchronized (saving) {
            savedDigest = state.digest(state.snapshot());
        }
        java.time.Duration interval = config.stateInterval();
        if (interval.isZero()) {
            return;
        }
        periodicSave = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "dwolla-sandbox-state");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        periodicSave.scheduleWithFixedDelay(() -> {
            try {
                saveStateIfChanged().ifPresent(saved -> LOG.debug("state saved to {} ({})",
                        config.stateFile().get(), saved));
            } catch (IOException | RuntimeException failed) {
                LOG.error("cannot save the state to {}: {}", config.stateFile().get(), failed.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops listening, writes the state file if one is configured, and releases the event loops. */
    @Override
    public void close() {
        try {
            if (periodicSave != null) {
                // A save under way finishes (an interrupt would abort its write); no other starts.
                periodicSave.shutdown();
                try {
                    periodicSave.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            webhookSender.close();
            await(http.close());
            try {
                saveState().ifPresent(saved -> LOG.info("state saved to {} ({})", config.stateFile().get(), saved));
            } catch (IOException | RuntimeException failed) {
                LOG.error("cannot save the state to {}: {}", config.stateFile().get(), failed.toString());
            }
        } finally {
            await(vertx.close());
            backend.close();
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }
}
