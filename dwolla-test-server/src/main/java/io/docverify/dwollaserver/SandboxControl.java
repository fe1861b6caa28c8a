package io.docverify.dwollaserver;

import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.Owner;
import io.docverify.domain.OwnerDocuments;
import io.docverify.domain.owner.OwnerStatus;
import io.docverify.domain.review.ReviewDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The reviewer's side of the sandbox, the part Dwolla keeps in its dashboard: review documents, move owners, queue
 * faults, move the clock, read the journal and the OpenAPI violations, reset. {@link ControlRoutes} serves it over
 * HTTP under {@code /_sandbox/}; tests may call it directly. Thread-safe.
 */
public final class SandboxControl {
    private final DwollaTestServer server;
    private final InMemoryDwolla backend;
    private final SandboxClock clock;
    private final List<Runnable> resetHooks = new CopyOnWriteArrayList<>();

    /** The control of {@code server}, whose backend is {@code backend} and whose clock is {@code clock}. */
    public SandboxControl(DwollaTestServer server, InMemoryDwolla backend, SandboxClock clock) {
        this.server = Objects.requireNonNull(server, "server");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every owner with its documents, customers first, then by id. */
    public List<OwnerDocuments> owners() {
        return backend.owners().stream()
                .sorted(Comparator.comparing((OwnerDocuments o) -> o.owner().id().kind())
                        .reversed()
                        .thenComparing(o -> o.owner().id().value()))
                .toList();
    }

    /** Every pending document, oldest first. */
    public List<Document> pendingDocuments() {
        return owners().stream().flatMap(o -> o.documents().stream()).filter(Document::isPending)
                .sorted(Comparator.comparing(Document::created)).toList();
    }

    /** Reviews a pending document (fails with {@code notFound} or {@code invalidResourceState}). */
    public CompletionStage<Document> review(DocumentId id, ReviewDecision decision) {
        return backend.reviewDocument(id, decision);
    }

    /** Moves an owner to a status given by its wire name ({@code verified}, {@code document}...). */
    public CompletionStage<Owner> moveOwner(OwnerId id, String status) {
        Optional<? extends OwnerStatus> parsed = id instanceof CustomerId
                ? CustomerStatus.fromWire(status)
                : BeneficialOwnerStatus.fromWire(status);
        if (parsed.isEmpty()) {
            throw DocumentError.validation(FieldError.INVALID, "/status",
                    "Not a " + id.kind() + " status: use one of " + statuses(id) + ".").toException();
        }
        return backend.moveOwner(id, parsed.get());
    }

    /** The owner of the given path kind ({@code customers} or {@code beneficial-owners}) and id. */
    public static OwnerId ownerId(String kind, String id) {
        return switch (kind) {
            case "customers" -> new CustomerId(id);
            case "beneficial-owners" -> new BeneficialOwnerId(id);
            default -> throw DocumentError.of(ErrorCode.NOT_FOUND,
                    "Owners are under customers/ or beneficial-owners/.").toException();
        };
    }

    private static List<String> statuses(OwnerId id) {
        return id instanceof CustomerId
                ? java.util.Arrays.stream(CustomerStatus.values()).map(CustomerStatus::wire).toList()
                : java.util.Arrays.stream(BeneficialOwnerStatus.values()).map(BeneficialOwnerStatus::wire).toList();
    }

    /** Queues {@code fault} for the next {@code times} requests of {@code route}. */
    public void queueFault(Route route, Fault fault, int times) {
        server.faults().on(route, fault, times);
    }

    /** How many faulted requests are queued, per route (routes without faults left out). */
    public Map<Route, Integer> queuedFaults() {
        Map<Route, Integer> queued = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            int left = server.faults().remaining(route);
            if (left > 0) {
                queued.put(route, left);
            }
        }
        return queued;
    }

    /** Drops every queued fault. */
    public void clearFaults() {
        server.faults().clear();
    }

    /** The faults queued for the next webhook deliveries (a wrong signature, twice, out of order, late). */
    public WebhookFaults webhookFaults() {
        return server.webhookFaults();
    }

    /** Moves the server's clock forward, then delivers the webhook retries that became due. */
    public Instant advanceClock(Duration by) {
        Instant now = clock.advance(by);
        server.deliverDueNow();
        return now;
    }

    /** The server's clock. */
    public SandboxClock clock() {
        return clock;
    }

    /** The last {@code limit} finished requests, oldest first. */
    public List<RecordedRequest> journal(int limit) {
        List<RecordedRequest> all = server.journal().all();
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** The OpenAPI violations seen so far. */
    public List<String> openApiViolations() {
        return server.openApiViolations();
    }

    /**
     * Runs {@code hook} on every {@link #reset()}, after everything the server keeps is gone: for state kept
     * elsewhere (a test's own receivers, for instance).
     */
    public void onReset(Runnable hook) {
        resetHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Forgets owners (with their profiles), documents, idempotency keys, the event log, webhook subscriptions with
     * their webhooks and pending deliveries, the journal, queued faults (API and webhook) and OpenAPI violations,
     * then runs the {@link #onReset} hooks. The clock is not moved back: time only goes forward.
     */
    public void reset() {
        backend.reset();
        server.forgetEventsWebhooksAndProfiles();
        server.journal().clear();
        server.faults().clear();
        server.webhookFaults().clear();
        server.clearOpenApiViolations();
        resetHooks.forEach(Runnable::run);
    }
}
